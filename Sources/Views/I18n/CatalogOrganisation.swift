/// The words of Organisation, each key with its zh-CN and English text side by side.
extension Catalog {
    static let organisation: [Entry] = [
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
