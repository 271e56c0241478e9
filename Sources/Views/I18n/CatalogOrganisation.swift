/// The words of Organisation, each key with its zh-CN and English text side by side.
extension Catalog {
    static let organisation: [Entry] = [
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
