/// The words of Pricing, each key with its zh-CN and English text side by side.
extension Catalog {
    static let pricing: [Entry] = [
        ("error.floor_above_sale", "最低售价不能高于销售价。", "The floor price cannot be above the sale price."),
        (
            "error.price_below_floor", "{0} 的价格 {1} 低于底价 {2}：须先通过销售订单审批。",
            "The price {1} of {0} is under its floor {2}: it needs an approved sales order first."
        ),
        ("error.province_in_other_region", "{0} 已属于区域 {1}。", "{0} already belongs to region {1}."),
        ("error.duplicate_line", "{0}（{1}）重复。", "{0} ({1}) appears twice."),
        ("error.no_shipping_warehouse", "您所属的机构没有可发货的仓库，请联系业务员。", "Your branch has no warehouse to ship from: ask your salesperson."),
        ("error.not_in_price_list", "这个商品不在您的价格表中。", "This product is not on your price list."),
        ("error.head_office_independent", "总部只能独立核算。", "The head office is always independent."),
        (
            "error.mode_switch_mid_period", "{0} 已有 {1} 张单据过账：核算方式只能在期初变更。",
            "{1} documents are already posted in {0}: the mode changes only at a period boundary."
        ),
        (
            "error.use_accounting_switch", "{0} 已有库存业务：请通过“变更核算方式”在期初变更。",
            "{0} has stock movements: change its mode with the switch, at a period boundary."
        ),
        ("error.no_receiving_warehouse", "请选择调入仓库：调入机构必须有收货的仓库。", "Choose the receiving warehouse: the receiving branch needs one."),
        ("error.received_before_sent", "收货日期不能早于发出日期。", "Goods cannot arrive before they were sent."),
        ("error.same_entity_transfer", "两个仓库属于同一核算主体：请用普通调拨单。", "Both warehouses are in one accounting entity: use a plain transfer."),
        ("error.after_claim_date", "发生日期不能晚于报销日期。", "The date spent cannot be after the claim date."),
        ("error.invalid_month", "月份格式应为 YYYY-MM。", "A month is written YYYY-MM."),
        ("error.over_budget", "{0} 超出本月预算（剩余 {1}），按公司规定不能提交。", "{0} is over this month's budget ({1} left): company policy refuses it."),
        ("sighting.buyer", "购货客户", "Bought by"),
        ("sighting.buyer_region", "客户所属区域", "Buyer's region"),
        ("sighting.close", "结案", "Close the case"),
        ("sighting.closed", "已结案。", "Case closed."),
        ("sighting.code", "批号/序列号", "Batch / serial"),
        ("sighting.code_hint", "扫码或输入批号、序列号", "Scan or type the batch or serial"),
        (
            "sighting.flagged", "发现窜货：该批次卖给了其他区域的客户，已通知负责的销售员。",
            "Cross-region selling: this batch was sold to a customer of another region; the salesperson is told."
        ),
        ("sighting.found", "发现地点", "Found at"),
        ("sighting.no_open", "没有未结的窜货案件。", "No open cross-region cases."),
        ("sighting.no_sale", "没有找到这个批号的销售记录", "No sale of this code found"),
        ("sighting.sold_elsewhere", "已售出（{0}，不在您的范围内）", "sold ({0}; outside your reach)"),
        ("sighting.place", "具体地点（门店、市场）", "Where exactly (store, market)"),
        ("sighting.record", "登记发现", "Record a sighting"),
        ("sighting.reported", "登记时间", "Recorded at"),
        ("sighting.resolution", "处理结果", "Resolution"),
        ("sighting.resolution_hint", "例如：已约谈经销商，扣减返利", "e.g. met the distributor, rebate reduced"),
        ("sighting.save", "登记", "Record"),
        ("sighting.saved", "已登记。", "Recorded."),
        ("sighting.sold_on", "出库单", "Delivery"),
        ("sighting.status.closed", "已结案", "Closed"),
        ("sighting.status.in_region", "区域内", "In its region"),
        ("sighting.status.open", "窜货待处理", "Cross-region, open"),
        ("sighting.status.unknown", "未找到销售记录", "No sale found"),
        ("sighting.title", "批号 {0}", "Batch {0}"),
        ("sighting.view", "范围", "Show"),
        ("sighting.view.all", "全部记录", "All sightings"),
        ("sighting.view.open", "未结案件", "Open cases"),
        ("price.actual_amount", "成交金额", "Charged"),
        ("price.any_level", "所有客户等级", "Any customer level"),
        ("price.any_region", "所有区域", "Any region"),
        ("price.below_floor_lines", "低于底价行数", "Lines under the floor"),
        ("price.deviation", "偏离（成交−标准）", "Deviation (charged − list)"),
        ("price.edit", "修改价格表", "Edit price list"),
        ("price.empty", "还没有价格表：按商品的销售价和底价报价。", "No price lists yet: quotes use the products' sale and floor prices."),
        ("price.group.product", "商品", "Product"),
        ("price.group.region", "区域", "Region"),
        ("price.group.salesperson", "销售员", "Salesperson"),
        (
            "price.intro", "报价、订单和发货按客户的区域与等级取价：区域和等级都匹配的价格表优先，其次区域、再次等级、最后通用；同一级别取生效日期最近的。",
            "Quotes, orders and deliveries take the price for the customer's region and level: a list matching both first, then region, then level, then a general one; the newest valid list within a rank."
        ),
        (
            "price.items_hint", "商品编码、单位（留空为基本单位）、价格（含税）、底价（留空取商品底价）。",
            "Product code, unit (empty: the base unit), price with tax, floor (empty: the product's)."
        ),
        ("price.lines", "明细行数", "Lines"),
        ("price.list_amount", "标准金额", "At list prices"),
        ("price.new", "新建价格表", "New price list"),
        ("price.no_sales", "这段时间没有发货。", "No deliveries in this period."),
        ("price.none", "（未归属）", "(none)"),
        ("price.price", "价格", "Price"),
        ("price.product_floor", "商品底价", "Product's floor"),
        ("price.saved", "价格表已保存。", "Price list saved."),
        ("price.valid", "有效期", "Valid"),
        ("price.valid_from", "生效日期", "Valid from"),
        ("price.valid_to", "失效日期", "Valid to"),
        ("region.edit", "修改销售区域", "Edit sales region"),
        ("region.empty", "还没有销售区域。", "No sales regions yet."),
        ("region.new", "新建销售区域", "New sales region"),
        ("region.provinces", "包含省份", "Provinces"),
        (
            "region.provinces_hint", "用顿号或逗号分隔，例如：北京市、天津市、河北省。一个省份只属于一个区域。",
            "Separated by commas, e.g. 北京市, 天津市, 河北省. A province belongs to one region."
        ),
        ("region.saved", "销售区域已保存。", "Region saved."),
        ("report.from", "从", "From"),
        ("report.to", "到", "To"),
    ]
}
