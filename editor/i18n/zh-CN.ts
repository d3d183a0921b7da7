/** 简体中文界面文案(与 en.ts 的键一一对应)。 */
import type { Messages } from './en.ts';

export const zhCN: Messages = {
  app: { name: 'Lifecycle Studio 生命周期工作台', tagline: '客户生命周期旅程与 SOP' },
  nav: { journeys: '旅程', templates: '模板库', customers: '客户', tasks: '任务', language: '语言', signOut: '退出登录' },
  common: {
    cancel: '取消', save: '保存', close: '关闭', create: '创建', delete: '删除', loading: '加载中…', search: '搜索',
    none: '无', add: '添加', remove: '移除', retry: '重试', back: '返回', error: '出错了', yes: '是', no: '否', open: '打开',
    noFile: '未选择文件', version: 'v{{n}}', all: '全部',
  },
  login: {
    title: '登录 Lifecycle Studio', intro: '粘贴服务启动时打印的 API 密钥,或直接打开启动信息里的登录链接。',
    key: 'API 密钥', submit: '登录', invalid: '密钥未通过验证,请检查后重试。',
  },
  status: { draft: '草稿', live: '运行中', paused: '已暂停', archived: '已归档' },
  journeys: {
    title: '旅程', new: '新建旅程', fromTemplate: '从模板创建', searchPlaceholder: '按名称或 ID 搜索', empty: '还没有旅程,从模板开始吧。',
    name: '名称', status: '状态', liveVersion: '线上版本', draft: '草稿修订', actions: '操作', duplicate: '复制', archive: '归档',
    noLive: '未发布', newTitle: '新建空白旅程', newId: '旅程 ID', newName: '名称(中文)', newNameEn: '名称(英文)', archived: '旅程已归档',
    confirmArchive: '归档“{{name}}”?已在旅程中的客户会走完,不再有新客户进入。',
  },
  templates: {
    title: '模板库', intro: '来自私域运营实践的生命周期模型,拿来即可调整。', stages: '阶段', params: '参数',
    create: '用此模板创建旅程', journeyId: '新旅程 ID', export: '导出模板包', import: '导入模板包', importTitle: '导入模板包',
    importPick: '选择模板包文件(.json)', importPreview: '预览', importConfirm: '导入', importDone: '模板包已导入', notes: '阶段说明',
    purpose: '目的', actions: '典型动作', channels: '渠道', kpis: '关键指标', journeys: '包含的旅程', preview: '流程图',
    packStatus: { new: '新模板包', upgrade: '升级', same: '已安装同一版本', downgrade: '比已安装的旧' }, installed: '已安装 {{version}}',
    created: '旅程已创建', conflicts: '将覆盖', newItems: '新增',
  },
  editor: {
    untitled: '未命名旅程', back: '全部旅程', palette: '节点', paletteHint: '拖到画布上,或选中后按回车',
    inspector: '属性', noSelection: '选择一个节点进行编辑', journeySettings: '旅程设置', multiSelected: '已选择 {{count}} 个节点',
    entry: '入口', problems: '问题', noProblems: '没有问题', text: '文本', json: 'JSON', dsl: 'DSL', canvasLabel: '旅程画布',
  },
  toolbar: {
    undo: '撤销', redo: '重做', autoLayout: '自动布局', fit: '适应画布', save: '保存', publish: '发布', simulate: '模拟', stats: '实时数据',
    saved: '已保存', saving: '保存中…', unsaved: '有未保存的修改', conflict: '其他人刚刚保存了这个旅程', reload: '载入对方的版本',
    saveFailed: '保存失败', pause: '暂停', resume: '恢复', copy: '复制', paste: '粘贴', delete: '删除',
  },
  kinds: {
    stage: '阶段', condition: '条件', wait: '等待', split: '分流', action: '动作', goal: '目标', exit: '退出',
    message: '发送消息', task: '员工任务', tag: '标签', setField: '设置字段', webhook: 'Webhook',
  },
  kindHelp: {
    stage: '标记生命周期阶段', condition: '按条件分支', wait: '延时、定时或等待事件', split: '按百分比随机分流',
    message: '通过渠道发送消息', task: '给员工的 SOP 任务', tag: '添加或移除标签', setField: '设置客户资料字段', webhook: '调用 HTTP 接口',
    goal: '转化目标', exit: '客户离开旅程',
  },
  edges: { else: '否则', timeout: '超时', anyEvent: '任意事件', next: '下一步' },
  inspector: {
    id: '节点 ID', stage: '阶段', newStage: '新建阶段…', stageName: '阶段名称', branches: '分支', branch: '分支 {{n}}', label: '标签', addBranch: '添加分支',
    elseGoesTo: '否则', goesTo: '去往', mode: '等待方式', modeDelay: '固定时长', modeUntil: '等到某个时间或日期', modeEvents: '等待事件(带超时)',
    duration: '时长', time: '时刻', date: '日期', events: '等待的事件', event: '事件', addEvent: '添加事件', timeout: '超时',
    timeoutFrom: '超时起算', fromEntered: '进入此步骤时', fromLastActivity: '最近一次活跃', condition: '条件', optionalCondition: '仅当(可选)',
    addCondition: '添加条件', removeCondition: '移除条件', percent: '百分比', splitTotal: '合计 {{total}}%', splitMustBe100: '各分支之和必须为 100%',
    actionType: '动作', channel: '渠道', template: '消息模板', vars: '变量', field: '字段', value: '值', tag: '标签', tagOp: '操作',
    addTag: '添加标签', removeTag: '移除标签', title: '任务标题', assignee: '负责人', dueIn: '完成时限', note: '给员工的说明', url: '地址', payload: '数据',
    goal: '目标名称', reason: '退出原因', trigger: '触发方式', triggerEvent: '发生某个事件时', triggerSegment: '客户符合条件时', triggerSchedule: '定时',
    at: '时间', weekdays: '星期', reentry: '重复进入', reentryNever: '只进入一次', reentryAfterExit: '离开后可再次进入', cooldown: '冷却期', next: '第一步',
    name: '名称', nameZh: '名称(中文)', nameEn: '名称(英文)', params: '参数', default: '默认值', policies: '策略', timezone: '时区',
    quietHours: '免打扰时段', quietFrom: '从', quietTo: '到', quietMode: '期间的消息', quietDrop: '直接丢弃', quietDefer: '延后发送',
    frequencyCaps: '频次上限', capMax: '最多', capPer: '每', goalWindow: '目标窗口期', useParam: '使用参数', literal: '固定值',
    paramValue: '参数', deleteNode: '删除节点', problems: '此节点的问题', noKey: '键', addVar: '添加变量',
  },
  condition: {
    all: '全部满足', any: '任一满足', not: '都不满足', group: '条件组', addRule: '添加规则', addGroup: '添加条件组', fact: '指标', operator: '运算', value: '值',
    listHint: '用逗号分隔', builtin: '内置指标', profile: '客户资料', eventProps: '事件属性', empty: '始终成立', remove: '移除规则',
  },
  ops: {
    equal: '等于', notEqual: '不等于', lessThan: '<', lessThanInclusive: '≤', greaterThan: '>', greaterThanInclusive: '≥', in: '属于', notIn: '不属于',
    contains: '包含', doesNotContain: '不包含',
  },
  units: { ms: '毫秒', s: '秒', m: '分钟', h: '小时', d: '天', w: '周' },
  channels: { wechat: '微信 1 对 1', wecom_group: '企业微信群', sms: '短信', call: '电话', email: '邮件', push: 'App 推送', xiaohongshu: '小红书', douyin: '抖音', other: '其他…' },
  weekdays: { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' },
  dsl: { textHelp: '编辑文本,画布会同步更新。', parseError: '文本有错误:画布显示最近一次有效的版本。', jsonHelp: '编辑 JSON,画布会同步更新。' },
  problems: { error: '错误', warning: '警告', at: '位于 {{where}}', count: '{{errors}} 个错误,{{warnings}} 个警告' },
  publish: {
    title: '发布 {{name}}', diff: '与线上版本的差异', firstVersion: '首次发布:目前没有线上版本', policy: '已在旅程中的客户',
    finish: '按原版本走完', migrate: '迁移到新版本', confirm: '发布', refused: '请先修复错误再发布', published: '已发布版本 {{version}}',
    errorsCount: '{{count}} 个错误阻止发布', saveFirst: '正在先保存草稿…', live: '线上 v{{n}}', leftLive: '线上版本', rightDraft: '当前草稿',
  },
  sim: {
    title: '模拟器', source: '客户数据', cohort: '模板示例客群', upload: '上传 NDJSON 事件', size: '客群人数', seed: '随机种子', run: '开始模拟',
    running: '模拟中…', progress: '已处理 {{done}} / {{total}} 个事件', done: '已模拟 {{customers}} 位客户、{{days}} 天', noTemplate: '此旅程没有模板:请上传事件文件。',
    clear: '清除叠加数据', eventsLoaded: '已载入 {{count}} 个事件', effects: '效果', errors: '错误', until: '时钟运行到',
    badLine: '第 {{line}} 行:{{problem}}',
    jsonKinds: { array: '数组', null: '空值 null', string: '字符串', number: '数字', boolean: '布尔值' },
    problems: {
      notJson: '不是有效的 JSON', notObject: '应为 JSON 对象,实际是$t(sim.jsonKinds.{{found}})', missingType: '缺少 "type"(track 或 identify)',
      badType: '"type" 只能是 "track" 或 "identify",不能是 {{value}}', missingCustomer: '缺少 "userId"(或 "anonymousId")',
      customerNotString: '"{{field}}" 应为字符串,不能是 {{value}}', missingTimestamp: '缺少 "timestamp"',
      badTimestamp: '"timestamp" 不是有效时间:{{value}}(请用 ISO 8601,例如 "2025-01-01T09:00:00+08:00")', badMessageId: '"messageId" 必须是非空字符串',
      traitsNotObject: '"traits" 必须是对象', missingEvent: 'track 调用需要 "event"(事件名)', propertiesNotObject: '"properties" 必须是对象',
    },
  },
  stats: {
    title: '实时数据', distribution: '各阶段人数变化', flow: '阶段流转', now: '当前各阶段人数', goals: '目标', entered: '进入', converted: '转化',
    noData: '暂无数据:收到事件后客户会出现在这里。', refresh: '刷新', customers: '位客户', day: '日期', atNode: '停留在此', passed: '经过',
  },
  customers: {
    title: '客户查询', placeholder: '客户 ID', lookup: '查询', notFound: '没有这个客户', profile: '资料', tags: '标签', journeys: '所在旅程',
    timeline: '时间线', kind: { event: '事件', stage: '阶段变化', action: '动作', task: '任务', exit: '退出', goal: '目标', entered: '进入', identify: '资料更新', other: '其他' },
    status: { active: '进行中', exited: '已离开', completed: '已完成' },
    noTimeline: '暂无记录', inNode: '位于 {{node}}',
  },
  tasks: {
    title: '任务收件箱', assignee: '负责人', status: '状态', open: '待处理', done: '已完成', postponed: '已延后', complete: '完成', postpone: '延后',
    postponeBy: '延后', due: '截止', customer: '客户', journey: '旅程', empty: '这里没有任务,干得好!', completed: '任务已完成', everyone: '所有人',
  },
};
