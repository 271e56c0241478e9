/// The words of Webhooks, each key with its zh-CN and English text side by side.
extension Catalog {
    static let webhooks: [Entry] = [
        ("webhook.title", "Webhook 推送", "Webhooks"),
        ("webhook.one", "Webhook 订阅", "Webhook subscription"),
        ("webhook.new", "新建订阅", "New subscription"),
        ("webhook.edit", "编辑订阅", "Edit subscription"),
        ("webhook.saved", "订阅已保存。", "Subscription saved."),
        ("webhook.deleted", "订阅已删除。", "Subscription deleted."),
        ("webhook.replayed", "已重新发送，几秒后可在下方看到结果。", "Sent again: the result shows below in a few seconds."),
        ("webhook.delete_confirm", "删除这个订阅和它的发送记录？", "Delete this subscription and its delivery log?"),
        (
            "webhook.intro", "客户、订单、出入库单、合同、发票等记录有变化时，Concord 会把事件推送到您指定的地址，供其他系统（ERP、商城、BI）及时同步。",
            "When customers, orders, stock documents, contracts, invoices and the like change, Concord posts the event to the address you give, so other systems (ERP, shop, BI) stay in step."
        ),
        (
            "webhook.empty_help", "还没有订阅：新建一个，填写接收地址并选择要推送的事件。",
            "No subscriptions yet: add one with the receiving address and the events to send."
        ),
        ("webhook.url", "接收地址", "Receiving URL"),
        (
            "webhook.url_hint", "http:// 或 https:// 开头；本机和内网地址默认不允许。",
            "Starts with http:// or https://; this machine and private networks are refused by default."
        ),
        ("webhook.events", "推送的事件", "Events"),
        ("webhook.more_events", "其他事件", "Other events"),
        (
            "webhook.more_events_hint", "单个事件，用空格分隔，如 customer.created stock_document.posted contract.approved。",
            "Single events, separated by spaces, e.g. customer.created stock_document.posted contract.approved."
        ),
        ("webhook.event.all", "全部事件", "All events"),
        ("webhook.event.every", "{0}（全部事件）", "{0} (all events)"),
        ("webhook.secret", "签名密钥", "Signing secret"),
        (
            "webhook.signing_hint",
            "每次推送为 JSON 格式的 POST，带 webhook-id、webhook-timestamp 和 webhook-signature 请求头（Standard Webhooks 规范：用签名密钥对“id.时间戳.正文”做 HMAC-SHA256）。接收方应校验签名并按 webhook-id 去重。失败会在约一天内重试 8 次，仍失败则停用订阅并通知创建人。",
            "Each delivery is a JSON POST with webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks: HMAC-SHA256 of id.timestamp.body with the signing secret). Receivers should check the signature and drop repeats by webhook-id. Failures are retried 8 times over about a day, then the subscription is turned off and its creator told."
        ),
        ("webhook.no_deliveries", "还没有推送记录。", "Nothing sent yet."),
        ("webhook.replay", "重新发送", "Send again"),
        ("webhook.delivery.at", "时间", "When"),
        ("webhook.delivery.event", "事件编号", "Event id"),
        ("webhook.delivery.attempts", "尝试次数", "Attempts"),
        ("webhook.delivery.response", "响应", "Response"),
        ("webhook.delivery.duration", "耗时", "Time"),
        ("webhook.delivery.pending", "待发送", "Pending"),
        ("webhook.delivery.succeeded", "成功", "Delivered"),
        ("webhook.delivery.failed", "失败（已放弃）", "Failed (given up)"),
        ("webhook.disabled.failed_deliveries", "已停用：连续推送失败", "Off: deliveries kept failing"),
        ("webhook.disabled.by_hand", "已停用", "Off"),
        ("notify.webhook.disabled", "Webhook 订阅 {0} 推送连续失败一天，已停用。", "The webhook to {0} kept failing for a day and was turned off."),
        (
            "error.private_address", "{0} 是本机或内网地址，不能接收推送（可在设置中允许）。",
            "{0} is this machine or a private network: not allowed (a setting can allow it)."
        ),
        ("error.unresolvable_host", "找不到主机 {0}。", "Host {0} cannot be found."),
        ("error.unknown_event", "没有事件 {0}。", "There is no event {0}."),
        ("error.webhook_disabled", "订阅已停用：先启用再重新发送。", "The subscription is off: turn it on before sending again."),
        ("field.url", "接收地址", "URL"),
        ("field.events", "推送的事件", "Events"),
        ("field.description", "说明", "Description"),
        ("field.delivery", "推送记录", "Delivery"),
        ("audit.entity.webhook", "Webhook 订阅", "webhook subscription"),
        ("audit.action.replay", "重新发送了", "re-sent"),
        ("audit.action.disable", "停用了", "turned off"),
        ("api.noun.webhooks", "推送订阅", "webhook subscriptions"),
        ("api.op.GET /api/v1/webhooks/{id}/deliveries", "查询推送订阅的推送记录", "List a webhook subscription's deliveries"),
        ("api.op.POST /api/v1/webhooks/{id}/deliveries/{delivery}/replay", "推送订阅：重新发送一次推送", "Send a webhook delivery again"),
        (
            "help.webhooks", "把记录的变化推送给其他系统：选择事件、填写接收地址，查看每次推送的结果并可重新发送。",
            "Send changes to other systems: pick the events and the address, see each delivery and send again."
        ),
    ]
}
