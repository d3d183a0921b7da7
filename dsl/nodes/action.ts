/** `action` node: send a message, set a profile field, add or remove a tag, create a staff task, call a webhook. */
import { z } from 'zod';
import { Duration, Identifier, NodeRef, ParamRef } from '../schema/common.ts';
import { Scalar } from '../schema/condition.ts';
import type { Edge } from './edges.ts';
import type { NodeCompileContext } from '../compiler/context.ts';
import type { PlanAction, PlanActionNode } from '../compiler/plan.ts';
import type { NodeCheckContext } from '../checker/context.ts';

/** A string a template may leave to a parameter (channel, template id, copy). */
export const TextOrParam = z.union([z.string().min(1).max(4000), ParamRef]);
export type TextOrParam = z.infer<typeof TextOrParam>;

/**
 * Channels are just names: `wechat` (1:1), `wecom_group`, `sms`, `call`, `email`, `push`,
 * `xiaohongshu`, `douyin`, or any name an integration understands.
 */
export const KNOWN_CHANNELS = ['wechat', 'wecom_group', 'sms', 'call', 'email', 'push', 'xiaohongshu', 'douyin'] as const;

export const MessageAction = z.strictObject({
  type: z.literal('message'),
  channel: TextOrParam,
  template: TextOrParam,
  vars: z.record(Identifier, z.string().max(4000)).optional(),
});

export const SetFieldAction = z.strictObject({
  type: z.literal('setField'),
  field: Identifier,
  value: z.union([Scalar, ParamRef]),
});

export const TagAction = z.strictObject({
  type: z.enum(['addTag', 'removeTag']),
  tag: TextOrParam,
});

/** A staff task: the SOP part ("call this parent", "send the day-3 ice-breaking message"). */
export const TaskAction = z.strictObject({
  type: z.literal('task'),
  title: TextOrParam,
  assignee: TextOrParam.optional(),
  dueIn: Duration.optional(),
  note: z.string().max(4000).optional(),
});

/** Only http(s) URLs; the payload is data, sent as JSON together with the customer id and effect id. */
export const WebhookAction = z.strictObject({
  type: z.literal('webhook'),
  url: z.string().max(2000).regex(/^https?:\/\/[^\s]+$/, 'must be an http or https URL'),
  payload: z.record(Identifier, Scalar).optional(),
});

export const Action = z.union([MessageAction, SetFieldAction, TagAction, TaskAction, WebhookAction]);
export type Action = z.infer<typeof Action>;
export type MessageAction = z.infer<typeof MessageAction>;
export type TaskAction = z.infer<typeof TaskAction>;
export type WebhookAction = z.infer<typeof WebhookAction>;

export const ActionNode = z.strictObject({
  id: Identifier,
  kind: z.literal('action'),
  action: Action,
  next: NodeRef,
});
export type ActionNode = z.infer<typeof ActionNode>;

export const actionEdges = (node: ActionNode): Edge[] => [{ handle: 'next', kind: 'next', label: '', target: node.next }];

/** Compiles an action with every param substituted (channel, template, tag, title, assignee, field value) and `dueIn` in milliseconds. */
export function compileAction(action: Action, ctx: NodeCompileContext): PlanAction {
  switch (action.type) {
    case 'message': {
      const message: PlanAction = {
        type: 'message',
        channel: ctx.text(action.channel, ['action', 'channel']),
        template: ctx.text(action.template, ['action', 'template']),
      };
      if (action.vars !== undefined) message.vars = { ...action.vars };
      return message;
    }
    case 'setField':
      return { type: 'setField', field: action.field, value: ctx.scalar(action.value, ['action', 'value']) };
    case 'addTag':
    case 'removeTag':
      return { type: action.type, tag: ctx.text(action.tag, ['action', 'tag']) };
    case 'task': {
      const task: PlanAction = { type: 'task', title: ctx.text(action.title, ['action', 'title']) };
      if (action.assignee !== undefined) task.assignee = ctx.text(action.assignee, ['action', 'assignee']);
      if (action.dueIn !== undefined) task.dueInMs = ctx.durationMs(action.dueIn, ['action', 'dueIn']);
      if (action.note !== undefined) task.note = action.note;
      return task;
    }
    case 'webhook':
      return action.payload === undefined ? { type: 'webhook', url: action.url } : { type: 'webhook', url: action.url, payload: { ...action.payload } };
  }
}

/** Compiles an action node into its plan form. */
export const compileActionNode = (node: ActionNode, ctx: NodeCompileContext): PlanActionNode => ({
  kind: 'action',
  id: node.id,
  action: compileAction(node.action, ctx),
  next: node.next,
});

/** Checks an action node: params in its texts, the field it sets, the task's due time, webhooks over plain http. */
export function checkActionNode(node: ActionNode, ctx: NodeCheckContext): void {
  const { action } = node;
  switch (action.type) {
    case 'message':
      ctx.checkText(action.channel, ['action', 'channel'], 'the channel');
      ctx.checkText(action.template, ['action', 'template'], 'the template');
      return;
    case 'setField':
      ctx.checkFieldAssignment(action.field, action.value, ['action']);
      return;
    case 'addTag':
    case 'removeTag':
      ctx.checkText(action.tag, ['action', 'tag'], 'the tag');
      return;
    case 'task':
      ctx.checkText(action.title, ['action', 'title'], 'the task title');
      if (action.assignee !== undefined) ctx.checkText(action.assignee, ['action', 'assignee'], 'the assignee');
      if (action.dueIn !== undefined) ctx.checkDuration(action.dueIn, ['action', 'dueIn'], { label: "the task's due time", zero: 'warning' });
      return;
    case 'webhook':
      if (action.url.startsWith('http://')) {
        ctx.warning('webhook-insecure', 'the webhook URL uses plain http, so customer data travels unencrypted; use https', ['action', 'url']);
      }
      return;
  }
}
