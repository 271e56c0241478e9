/// The words of Organisation, each key with its zh-CN and English text side by side.
extension Catalog {
    static let organisation: [Entry] = [
        ("settings.title", "系统设置", "Settings"),
        ("api.noun.settings", "系统设置", "settings"),
        ("settings.saved", "设置已保存。", "Settings saved."),
        ("settings.allow_negative_stock", "允许负库存", "Allow negative stock"),
        (
            "settings.allow_negative_stock_hint", "出库数量可以超过现存；之后入库时按入库成本结算差额。不允许时，库存不足的出库会被拒绝。",
            "An issue may exceed what is on hand; the receipt that covers it settles the cost. When off, an issue short of stock is refused."
        ),
        ("settings.costing_per_warehouse", "分仓核算成本", "Cost each warehouse separately"),
        (
            "settings.costing_per_warehouse_hint", "每个仓库单独计算成本，而不是按机构（账套）合并计算。只能在第一次过账之前设定。",
            "Each warehouse its own costing instead of the branch's books. Can only be set before the first posting."
        ),
        ("settings.over_budget", "报销超预算时", "When a claim is over budget"),
        ("settings.over_budget.warn", "提醒，仍可提交", "Warn, and let it through"),
        ("settings.over_budget.refuse", "拒绝提交", "Refuse it"),
        ("settings.webhooks_allow_private", "允许推送到内网地址", "Allow webhooks to private addresses"),
        ("settings.web_form", "网站留资表单", "Web-to-lead form"),
        (
            "settings.web_form_hint", "打开后生成一个无需登录的表单地址，可放在官网或做成二维码；访客提交的信息成为线索，按分配规则分配。",
            "Turned on, a form that needs no sign-in gets an address to put on the website or in a QR code; each submission becomes a lead, assigned by the rules."
        ),
        ("settings.web_form_at", "表单地址：{0}（把它放在官网上）", "The form is at {0} (put it on the website)"),
        ("settings.rotate_web_form", "换一个表单地址", "Give the form a new address"),
        ("settings.rotate_web_form_hint", "旧地址随即失效：在垃圾提交较多时使用。", "The old address stops working at once: for when spam finds it."),
        (
            "settings.webhooks_allow_private_hint", "仅在接收系统部署在公司内网时打开；默认禁止推送到本机和内网，以防被用来访问内部服务。",
            "Turn on only when the receiver runs inside the company network; by default this machine and private networks are refused, so webhooks cannot reach internal services."
        ),
        ("error.costing_in_use", "已有过账的库存，不能再改变成本核算方式。", "Stock has been posted: the costing scope can no longer change."),
        ("nav.settings", "系统设置", "Settings"),
        (
            "help.organisation.settings", "公司范围的开关：负库存、分仓核算、超预算报销和 Webhook 内网推送。每次修改都记入审计日志。",
            "Company-wide switches: negative stock, per-warehouse costing, over-budget claims and webhooks to private addresses. Every change is in the audit log."
        ),
        ("audit.entity.settings", "系统设置", "settings"),
        ("nav.numbering", "编号规则", "Numbering"),
        (
            "help.organisation.numbering", "每类单据的编号格式：沿用标准格式，或改成原系统的样子（例如 SO20261207001）。已有单据的编号不变。",
            "How each kind of document is numbered: the standard, or what your old system used (e.g. SO20261207001). Numbers already given stay."
        ),
        ("numbering.title", "编号规则", "Numbering"),
        ("numbering.saved", "编号规则已保存，之后新建的单据按新规则编号。", "Numbering saved: documents made from now on take it."),
        ("numbering.example", "今天的第一张：{0}；分公司：{1}", "Today's first: {0}; in a branch: {1}"),
        (
            "numbering.tokens",
            "留空即标准格式 {0}。可用：{prefix} 单据代码、{yyyy} 年、{yy} 两位年、{mm} 月、{dd} 日、{branch} 分公司代码、{-branch} 非总部时加“-分公司代码”、{seq} 或 {seq:4} 流水号（3–10 位，必须有一个）；中间可写字母、数字和 - _ / .。流水号按格式里最细的日期重新计数（有 {dd} 按天，有 {mm} 按月），格式里有分公司时各分公司分开计数。",
            "Empty is the standard {0}. Tokens: {prefix} the kind's code, {yyyy} year, {yy} two-digit year, {mm} month, {dd} day, {branch} the branch's code, {-branch} a dash and the branch's code outside head office, {seq} or {seq:4} the counter (3–10 digits, exactly one); letters, digits and - _ / . between them. The counter starts again with the finest date shown ({dd} daily, {mm} monthly) and runs per branch when the branch is shown."
        ),
        ("numbering.kind.QT", "报价单", "Quote"),
        ("numbering.kind.HT", "销售合同", "Sales contract"),
        ("numbering.kind.CG", "采购合同", "Purchase contract"),
        ("numbering.kind.SO", "销售订单", "Sales order"),
        ("numbering.kind.PO", "采购订单", "Purchase order"),
        ("numbering.kind.PR", "采购入库单", "Purchase receipt"),
        ("numbering.kind.SD", "销售出库单", "Sales delivery"),
        ("numbering.kind.PRR", "采购退货单", "Purchase return"),
        ("numbering.kind.SR", "销售退货单", "Sales return"),
        ("numbering.kind.TR", "调拨单", "Transfer"),
        ("numbering.kind.SC", "盘点单", "Stock count"),
        ("numbering.kind.OR", "其他入库单", "Other receipt"),
        ("numbering.kind.OI", "其他出库单", "Other issue"),
        ("numbering.kind.IV", "销售发票", "Sales invoice"),
        ("numbering.kind.PI", "采购发票", "Purchase invoice"),
        ("numbering.kind.RC", "收款单", "Receipt"),
        ("numbering.kind.PM", "付款单", "Payment"),
        ("numbering.kind.BX", "报销单", "Expense claim"),
        ("numbering.kind.DB", "分公司调拨单", "Inter-branch transfer"),
        (
            "error.number_pattern_token", "不认识 {0}：可用 {prefix} {yyyy} {yy} {mm} {dd} {branch} {-branch} {seq}。",
            "{0} is not a token: use {prefix} {yyyy} {yy} {mm} {dd} {branch} {-branch} {seq}."
        ),
        ("error.number_pattern_seq", "“{0}”里需要有且只有一个流水号 {seq}。", "“{0}” needs exactly one counter {seq}."),
        (
            "error.number_pattern_character", "编号里不能有“{0}”：只能用字母、数字和 - _ / .。",
            "“{0}” cannot be in a number: letters, digits and - _ / . only."
        ),
        ("error.number_pattern_long", "“{0}”太长了（最多 60 个字符）。", "“{0}” is too long (60 characters at most)."),
        ("error.number_pattern_width", "“{0}”的流水号位数要在 3 到 10 之间。", "The counter in “{0}” takes 3 to 10 digits."),
        ("field.patterns", "编号规则", "Numbering"),
        ("api.op.GET /api/v1/settings/numbering", "单据编号规则", "How documents are numbered"),
        ("api.op.PUT /api/v1/settings/numbering", "修改单据编号规则", "Change how documents are numbered"),
        ("field.allowNegativeStock", "允许负库存", "Allow negative stock"),
        ("field.costingPerWarehouse", "分仓核算成本", "Cost each warehouse separately"),
        ("field.overBudget", "报销超预算时", "When a claim is over budget"),
        ("field.webhooksAllowPrivate", "允许推送到内网地址", "Webhooks to private addresses"),
        ("field.settings", "系统设置", "Settings"),
        ("sandbox.title", "演示公司", "Demo company"),
        (
            "sandbox.intro", "在一个独立的演示库里载入一家完整的演示公司（总部、分公司、仓库、客户、合同、单据），用来培训和试用；与正式数据完全分开，随时可以退出。",
            "Load a complete demo company (head office, branches, warehouses, customers, contracts, documents) into a database of its own, for training and trying things out; it never mixes with the real data, and you can leave it at any time."
        ),
        (
            "sandbox.accounts", "演示账号：zhangwei（总经理）、lina（销售经理）、wangfang（销售代表）、sunli（财务）、zhouqiang（库管员）等，密码 {0}。",
            "Demo accounts: zhangwei (general manager), lina (sales manager), wangfang (salesperson), sunli (finance), zhouqiang (warehouse keeper) and others, password {0}."
        ),
        ("sandbox.load", "载入演示公司并进入", "Load the demo company and go in"),
        ("sandbox.enter", "进入演示环境", "Go to the demo company"),
        ("sandbox.banner", "演示环境：这里是演示公司的独立数据库，与正式数据完全分开。", "Demo company: a database of its own, apart from the real data."),
        ("sandbox.leave", "退出演示，回到正式数据", "Leave the demo, back to the real data"),
        ("setup.title", "开始使用（已完成 {0}/{1}）", "Getting started ({0} of {1} done)"),
        (
            "setup.intro", "按顺序把公司的基本资料录入系统；不适用的步骤可以跳过，随时回来继续。",
            "Enter the company's basics in this order; skip what does not apply and come back any time."
        ),
        ("setup.skip", "跳过", "Skip"),
        ("setup.skipped", "已跳过这一步。", "Step skipped."),
        ("setup.step.company", "公司信息", "Company details"),
        (
            "setup.hint.company", "名称、税号、地址、开户行和标志，打印在报价单和出库单上",
            "name, tax number, address, bank and logo, printed on quotes and delivery notes"
        ),
        ("setup.step.branches", "分支机构", "Branches"),
        ("setup.hint.branches", "分公司、门店和办事处，以及是否独立核算", "branch offices, stores and sales offices, and whether each keeps its own books"),
        ("setup.step.warehouses", "仓库", "Warehouses"),
        ("setup.hint.warehouses", "每个存货地点一个仓库", "one for each place goods are kept"),
        ("setup.step.categories", "商品分类", "Product categories"),
        ("setup.hint.categories", "可选：按品类整理商品，报表和价格表按分类汇总", "optional: group products for reports and price lists"),
        ("setup.step.products", "商品", "Products"),
        ("setup.hint.products", "编码、单位换算（1 箱 = 24 袋）、价格和底价", "codes, units (1 case = 24 bags), prices and floors"),
        ("setup.step.opening_stock", "期初库存", "Opening stock"),
        ("setup.hint.opening_stock", "用其他入库单录入各仓库现有的数量和成本", "enter what each warehouse holds, with its cost, as an other receipt"),
        ("setup.step.customers", "客户", "Customers"),
        ("setup.hint.customers", "客户资料和联系人", "customers and their contacts"),
        ("setup.step.people", "员工和角色", "People and roles"),
        ("setup.hint.people", "给同事开账号并分配角色", "accounts for your colleagues, with their roles"),
        ("setup.step.approvals", "审批规则", "Approval rules"),
        ("setup.hint.approvals", "可选：没有规则时单据无需审批", "optional: without a rule, documents need no approval"),
        ("field.step", "步骤", "Step"),
        ("company.title", "公司信息", "Company details"),
        ("company.name", "公司名称", "Company name"),
        (
            "company.name_hint", "打印在报价单、合同和出库单的抬头；不填时用总部名称。",
            "Printed at the head of quotes, contracts and delivery notes; the head office's name when empty."
        ),
        ("company.tax_number", "纳税人识别号（统一社会信用代码）", "Tax number (USCC)"),
        ("company.address", "地址", "Address"),
        ("company.phone", "电话", "Telephone"),
        ("company.bank", "开户行及账号", "Bank and account"),
        ("company.bank_name", "开户银行", "Bank"),
        ("company.bank_account", "银行账号", "Bank account"),
        ("company.terms", "打印条款", "Printed terms"),
        ("company.terms_hint", "打印在报价单和合同下方，每行一条。", "Printed under quotes and contracts, one per line."),
        ("company.logo", "公司标志", "Logo"),
        ("company.logo_hint", "PNG 或 JPEG，不超过 256 KB。", "PNG or JPEG, at most 256 KB."),
        ("company.remove_logo", "删除标志", "Remove the logo"),
        ("company.saved", "公司信息已保存。", "Company details saved."),
        ("company.logo_saved", "公司标志已更新。", "Logo updated."),
        ("company.logo_removed", "公司标志已删除。", "Logo removed."),
        ("company.logo_missing", "请选择一个图片文件。", "Choose an image file."),
        ("company.logo_too_large", "图片超过 256 KB。", "The image is over 256 KB."),
        ("company.logo_refused", "只接受 PNG 或 JPEG 图片。", "Only PNG or JPEG images are accepted."),
        ("error.logo_type", "只接受 PNG 或 JPEG 图片。", "Only PNG or JPEG images are accepted."),
        ("error.invalid_bank_account", "银行账号只能包含数字、空格和短横线。", "A bank account holds only digits, spaces and dashes."),
        ("field.taxNumber", "纳税人识别号", "Tax number"),
        ("field.bankName", "开户银行", "Bank"),
        ("field.bankAccount", "银行账号", "Bank account"),
        ("field.terms", "打印条款", "Printed terms"),
        ("field.logo", "公司标志", "Logo"),
        ("nav.company", "公司信息", "Company details"),
        ("branch.title", "分支机构", "Branches"),
        ("branch.new", "新建机构", "New branch"),
        ("branch.edit", "编辑机构", "Edit branch"),
        ("branch.print_title", "组织架构", "Organisation chart"),
        ("branch.parent", "上级机构", "Parent branch"),
        ("branch.kind", "机构类型", "Kind"),
        ("branch.kind.head_office", "总部", "Head office"),
        ("branch.kind.branch", "分公司", "Branch office"),
        ("branch.kind.sales_office", "办事处", "Sales office"),
        ("branch.kind.store", "门店", "Store"),
        ("branch.accounting", "核算方式", "Accounting"),
        ("branch.default_warehouse", "默认仓库", "Default warehouse"),
        (
            "branch.default_warehouse_hint", "本机构人员新建出入库单、订单时，每行先填这个仓库。",
            "New stock documents and orders of this branch's people start each line with this warehouse."
        ),
        ("field.defaultWarehouseId", "默认仓库", "Default warehouse"),
        ("branch.accounting.independent", "独立核算", "Independent"),
        ("branch.accounting.consolidated", "非独立核算", "Consolidated"),
        ("branch.departments", "部门", "Departments"),
        ("branch.users", "用户", "Users"),
        ("branch.created", "机构已保存。", "Branch saved."),

        ("department.title", "部门", "Departments"),
        ("department.new", "新建部门", "New department"),
        ("department.edit", "编辑部门", "Edit department"),
        ("department.branch", "所属机构", "Branch"),
        ("department.parent", "上级部门", "Parent department"),
        ("department.created", "部门已保存。", "Department saved."),
        (
            "error.department_not_empty", "{0} 还有人员或下级部门，不能单独移到另一个机构。",
            "{0} still has people or sub-departments: it cannot move to another branch alone."
        ),
        (
            "error.branch_follows_warehouses", "单据的所属机构由仓库决定，不能另行指定。",
            "A document belongs to the branch of its warehouses; it cannot be named otherwise."
        ),
        (
            "error.branch_transfer_document", "{0} 属于分支机构调拨，不能单独作废。",
            "{0} belongs to an inter-branch transfer: it cannot be cancelled on its own."
        ),
    ]
}
