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
        /// A marketing material someone shared (`/m/<secret>`): short, for a text message or a
        /// WeChat chat; no sign-in, the link's secret is the right. Its pages are Marketing's.
        public static let sharedMaterial = PagePath("/m/:token")
        public static let sharedMaterialFile = PagePath("/m/:token/file")

        public static let all: [PagePath] = [
            home, language, login, logout, apiDocs, notifications, readAllNotifications, readNotification, sharedMaterial,
            sharedMaterialFile,
        ]
    }
}
