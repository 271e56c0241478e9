/// The words of Exports, each key with its zh-CN and English text side by side.
extension Catalog {
    static let exports: [Entry] = [
        ("nav.exports", "导出记录", "Exports"),
        ("export.title", "导出记录", "Exports"),
        (
            "help.exports", "较大的列表导出在后台生成，完成后在这里下载；只列出您本人的导出，文件保留七天。",
            "Long lists are exported in the background and downloaded here once written; only your own exports are listed, kept seven days."
        ),
        (
            "export.intro",
            "超过 {0} 行的列表（或程序以 async=true 请求的导出）在后台生成：完成后通知会提醒您，在这里下载。文件保留 {1} 天，只有您本人、且仍有该列表的导出权限时才能下载。",
            "A list longer than {0} rows (or an export a program asked for with async=true) is written in the background: a notification tells you when it is ready to download here. Files are kept {1} days, for you alone, while you may still export that list."
        ),
        ("export.empty_help", "还没有后台导出：在任一列表上点“导出 Excel”或“导出 CSV”。", "No background exports yet: use Export to Excel or CSV on any list."),
        ("export.file", "文件", "File"),
        ("export.rows", "行数", "Rows"),
        ("export.filter", "筛选条件", "Filters"),
        ("export.refresh", "刷新", "Refresh"),
        ("export.status.running", "生成中", "Being written"),
        ("export.status.done", "已完成", "Ready"),
        ("export.status.failed", "失败", "Failed"),
        (
            "export.queued", "数据较多，已转为后台导出：完成后会通知您，可在“导出记录”中下载。",
            "A long list: the export continues in the background; you will be notified, and can download it from Exports."
        ),
        ("error.export_busy", "您已有 {0} 个导出正在生成，请等其完成后再试。", "You already have {0} exports being written: try again when they are done."),
        ("error.export_not_ready", "这个导出尚未完成或已失败，没有可下载的文件。", "This export is not finished or has failed: there is no file to download."),
        ("error.export_interrupted", "生成时服务器重启，导出未完成：请重新导出。", "The server restarted while writing it: please export again."),
        ("error.export_failed", "导出失败：请重新导出；如仍失败请联系管理员。", "The export failed: please try again, or ask your administrator."),
        ("notify.export.done", "{0} 已生成（{1} 行），可以下载了。", "{0} is ready ({1} rows) to download."),
        ("notify.export.failed", "{0} 导出失败。", "The export {0} failed."),
        ("api.noun.exports", "后台导出", "exports"),
        ("api.noun.file", "文件", "file"),
    ]
}
