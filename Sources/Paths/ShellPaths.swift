extension Paths {
    /// What belongs to no module: home, sign-in, language, notifications, the API docs.
    public enum Shell {
        public static let home = PagePath("/")
        public static let language = PagePath("/lang/:code")
        public static let login = PagePath("/login")
        public static let logout = PagePath("/logout")
        public static let apiDocs = PagePath("/docs/api")
        public static let notifications = PagePath("/notifications")
        public static let readAllNotifications = PagePath("/notifications/read-all")
        public static let readNotification = PagePath("/notifications/:id/read")

        public static let all: [PagePath] = [
            home, language, login, logout, apiDocs, notifications, readAllNotifications, readNotification,
        ]
    }
}
