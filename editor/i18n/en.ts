/** English UI labels. Every key here has a zh-CN twin in zh-CN.ts (a unit test compares them). */
export const en = {
  app: { name: 'Lifecycle Studio', tagline: 'Customer lifecycle journeys and SOPs' },
  nav: { journeys: 'Journeys', templates: 'Templates', customers: 'Customers', tasks: 'Tasks', language: 'Language', signOut: 'Sign out' },
  common: {
    cancel: 'Cancel', save: 'Save', close: 'Close', create: 'Create', delete: 'Delete', loading: 'Loading…', search: 'Search',
    none: 'None', add: 'Add', remove: 'Remove', retry: 'Retry', back: 'Back', error: 'Something went wrong', yes: 'Yes', no: 'No', open: 'Open',
    noFile: 'No file chosen', version: 'v{{n}}', all: 'All',
  },
  login: {
    title: 'Sign in to Lifecycle Studio', intro: 'Paste the API key printed in the server\'s start banner, or open the login link it shows.',
    key: 'API key', submit: 'Sign in', invalid: 'This key was not accepted. Check it and try again.',
  },
  status: { draft: 'Draft', live: 'Live', paused: 'Paused', archived: 'Archived' },
  journeys: {
    title: 'Journeys', new: 'New journey', fromTemplate: 'From a template', searchPlaceholder: 'Search by name or id', empty: 'No journeys yet. Start from a template.',
    name: 'Name', status: 'Status', liveVersion: 'Live version', draft: 'Draft revision', actions: 'Actions', duplicate: 'Duplicate', archive: 'Archive',
    noLive: 'not published', newTitle: 'Create a blank journey', newId: 'Journey id', newName: 'Name (Chinese)', newNameEn: 'Name (English)', archived: 'Journey archived',
    confirmArchive: 'Archive “{{name}}”? Customers inside finish it, nobody new enters.',
  },
  templates: {
    title: 'Template gallery', intro: 'Lifecycle models from private-domain operations practice, ready to adapt.', stages: 'Stages', params: 'Parameters',
    create: 'Create journey from template', journeyId: 'New journey id', export: 'Export pack', import: 'Import pack', importTitle: 'Import a template pack',
    importPick: 'Choose a pack file (.json)', importPreview: 'Preview', importConfirm: 'Import', importDone: 'Pack imported', notes: 'Stage notes',
    purpose: 'Purpose', actions: 'Typical actions', channels: 'Channels', kpis: 'KPIs', journeys: 'Journeys in this pack', preview: 'Diagram',
    packStatus: { new: 'new pack', upgrade: 'upgrade', same: 'already installed', downgrade: 'older than installed' }, installed: 'installed {{version}}',
    created: 'Journey created', conflicts: 'Would replace', newItems: 'New',
  },
  editor: {
    untitled: 'Untitled journey', back: 'All journeys', palette: 'Nodes', paletteHint: 'Drag onto the canvas, or select and press Enter',
    inspector: 'Inspector', noSelection: 'Select a node to edit it', journeySettings: 'Journey settings', multiSelected: '{{count}} nodes selected',
    entry: 'Entry', problems: 'Problems', noProblems: 'No problems', text: 'Text', json: 'JSON', dsl: 'DSL', canvasLabel: 'Journey canvas',
  },
  toolbar: {
    undo: 'Undo', redo: 'Redo', autoLayout: 'Auto-layout', fit: 'Zoom to fit', save: 'Save', publish: 'Publish', simulate: 'Simulate', stats: 'Live stats',
    saved: 'Saved', saving: 'Saving…', unsaved: 'Unsaved changes', conflict: 'Someone else saved this journey meanwhile', reload: 'Load their version',
    saveFailed: 'Could not save', pause: 'Pause', resume: 'Resume', copy: 'Copy', paste: 'Paste', delete: 'Delete',
  },
  kinds: {
    stage: 'Stage', condition: 'Condition', wait: 'Wait', split: 'Split', action: 'Action', goal: 'Goal', exit: 'Exit',
    message: 'Send message', task: 'Staff task', tag: 'Tag', setField: 'Set field', webhook: 'Webhook',
  },
  kindHelp: {
    stage: 'Marks the lifecycle stage', condition: 'Branches on a condition', wait: 'Delay, until a time, or for events', split: 'Random percentage split',
    message: 'Message on a channel', task: 'An SOP task for staff', tag: 'Add or remove a tag', setField: 'Set a profile field', webhook: 'Call an HTTP endpoint',
    goal: 'A conversion goal', exit: 'The customer leaves',
  },
  edges: { else: 'else', timeout: 'timeout', anyEvent: 'any event', next: 'next' },
  inspector: {
    id: 'Node id', stage: 'Stage', newStage: 'New stage…', stageName: 'Stage name', branches: 'Branches', branch: 'Branch {{n}}', label: 'Label', addBranch: 'Add branch',
    elseGoesTo: 'Otherwise', goesTo: 'Goes to', mode: 'Wait mode', modeDelay: 'A fixed delay', modeUntil: 'Until a time or date', modeEvents: 'For events, with a timeout',
    duration: 'Duration', time: 'Time of day', date: 'Date', events: 'Awaited events', event: 'Event', addEvent: 'Add event', timeout: 'Timeout',
    timeoutFrom: 'Timeout counted from', fromEntered: 'entering this step', fromLastActivity: 'the last activity', condition: 'Condition', optionalCondition: 'Only when (optional)',
    addCondition: 'Add a condition', removeCondition: 'Remove the condition', percent: 'Percent', splitTotal: 'Total {{total}}%', splitMustBe100: 'Shares must add up to 100%',
    actionType: 'Action', channel: 'Channel', template: 'Message template', vars: 'Variables', field: 'Field', value: 'Value', tag: 'Tag', tagOp: 'Operation',
    addTag: 'Add tag', removeTag: 'Remove tag', title: 'Task title', assignee: 'Assignee', dueIn: 'Due within', note: 'Note for staff', url: 'URL', payload: 'Payload',
    goal: 'Goal name', reason: 'Exit reason', trigger: 'Trigger', triggerEvent: 'When an event happens', triggerSegment: 'When a customer matches', triggerSchedule: 'On a schedule',
    at: 'At', weekdays: 'Weekdays', reentry: 'Re-entry', reentryNever: 'Only once', reentryAfterExit: 'Again after leaving', cooldown: 'Cooldown', next: 'First step',
    name: 'Name', nameZh: 'Name (Chinese)', nameEn: 'Name (English)', params: 'Parameters', default: 'Default', policies: 'Policies', timezone: 'Time zone',
    quietHours: 'Quiet hours', quietFrom: 'From', quietTo: 'To', quietMode: 'Messages then', quietDrop: 'are dropped', quietDefer: 'wait until after',
    frequencyCaps: 'Frequency caps', capMax: 'At most', capPer: 'per', goalWindow: 'Goal window', useParam: 'Use a parameter', literal: 'Fixed value',
    paramValue: 'Parameter', deleteNode: 'Delete node', problems: 'Problems on this node', noKey: 'key', addVar: 'Add variable',
  },
  condition: {
    all: 'all of', any: 'any of', not: 'none of', group: 'Group', addRule: 'Add rule', addGroup: 'Add group', fact: 'Fact', operator: 'Operator', value: 'Value',
    listHint: 'Comma-separated', builtin: 'Built-in', profile: 'Profile', eventProps: 'Event', empty: 'Always true', remove: 'Remove rule',
  },
  ops: {
    equal: 'is', notEqual: 'is not', lessThan: '<', lessThanInclusive: '≤', greaterThan: '>', greaterThanInclusive: '≥', in: 'is one of', notIn: 'is none of',
    contains: 'contains', doesNotContain: 'does not contain',
  },
  units: { ms: 'milliseconds', s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks' },
  channels: { wechat: 'WeChat 1:1', wecom_group: 'WeCom group', sms: 'SMS', call: 'Phone call', email: 'Email', push: 'App push', xiaohongshu: 'Xiaohongshu', douyin: 'Douyin', other: 'Other…' },
  weekdays: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
  dsl: { textHelp: 'Edit the text: the canvas follows.', parseError: 'The text has errors: the canvas shows the last valid version.', jsonHelp: 'Edit the JSON: the canvas follows.' },
  problems: { error: 'Error', warning: 'Warning', at: 'at {{where}}', count: '{{errors}} errors, {{warnings}} warnings' },
  publish: {
    title: 'Publish {{name}}', diff: 'Changes since the live version', firstVersion: 'First version: nothing is live yet', policy: 'Customers already inside',
    finish: 'Finish on their current version', migrate: 'Move to the new version', confirm: 'Publish', refused: 'Fix the errors before publishing', published: 'Published version {{version}}',
    errorsCount: '{{count}} errors block publishing', saveFirst: 'Saving the draft first…', live: 'Live v{{n}}', leftLive: 'Live version', rightDraft: 'This draft',
  },
  sim: {
    title: 'Simulator', source: 'Customers', cohort: 'Template sample cohort', upload: 'Upload NDJSON events', size: 'Cohort size', seed: 'Seed', run: 'Run simulation',
    running: 'Simulating…', progress: '{{done}} of {{total}} events', done: 'Simulated {{customers}} customers over {{days}} days', noTemplate: 'This journey has no template: upload events.',
    clear: 'Clear overlay', eventsLoaded: '{{count}} events loaded', effects: 'Effects', errors: 'Errors', until: 'Run the clock until',
    badLine: 'line {{line}}: {{problem}}',
    jsonKinds: { array: 'an array', null: 'null', string: 'a string', number: 'a number', boolean: 'a boolean' },
    problems: {
      notJson: 'not valid JSON', notObject: 'expected a JSON object, found $t(sim.jsonKinds.{{found}})', missingType: 'missing "type" (track or identify)',
      badType: '"type" must be "track" or "identify", not {{value}}', missingCustomer: 'missing "userId" (or "anonymousId")',
      customerNotString: '"{{field}}" must be a string, not {{value}}', missingTimestamp: 'missing "timestamp"',
      badTimestamp: '"timestamp" is not a time: {{value}} (use ISO 8601, e.g. "2025-01-01T09:00:00+08:00")', badMessageId: '"messageId" must be a non-empty string',
      traitsNotObject: '"traits" must be an object', missingEvent: 'a track call needs "event" (the event name)', propertiesNotObject: '"properties" must be an object',
    },
  },
  stats: {
    title: 'Live statistics', distribution: 'Stage distribution over time', flow: 'Stage flow', now: 'Now in each stage', goals: 'Goals', entered: 'Entered', converted: 'Converted',
    noData: 'No data yet: customers appear here once events arrive.', refresh: 'Refresh', customers: 'customers', day: 'Day', atNode: 'at this node', passed: 'passed',
  },
  customers: {
    title: 'Customer lookup', placeholder: 'Customer id', lookup: 'Look up', notFound: 'No customer with this id', profile: 'Profile', tags: 'Tags', journeys: 'Journeys',
    timeline: 'Timeline', kind: { event: 'Event', stage: 'Stage change', action: 'Action', task: 'Task', exit: 'Exit', goal: 'Goal', entered: 'Entered', identify: 'Profile update', other: 'Other' },
    status: { active: 'in progress', exited: 'left', completed: 'completed' },
    noTimeline: 'Nothing recorded yet', inNode: 'at {{node}}',
  },
  tasks: {
    title: 'Tasks inbox', assignee: 'Assignee', status: 'Status', open: 'Open', done: 'Done', postponed: 'Postponed', complete: 'Complete', postpone: 'Postpone',
    postponeBy: 'Postpone by', due: 'Due', customer: 'Customer', journey: 'Journey', empty: 'No tasks here. Well done!', completed: 'Task completed', everyone: 'Everyone',
  },
} as const;

/** The shape every language must provide, with the same keys. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
