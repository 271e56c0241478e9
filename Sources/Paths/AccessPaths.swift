extension Paths {
    /// Sign-in accounts, roles, API tokens and one's own password.
    public enum Access {
        public static let myPassword = PagePath("/access/me/password")
        public static let users = PagePath("/access/users")
        public static let newUser = PagePath("/access/users/new")
        public static let user = PagePath("/access/users/:id")
        public static let editUser = PagePath("/access/users/:id/edit")
        public static let userPassword = PagePath("/access/users/:id/password")
        public static let inviteUser = PagePath("/access/users/:id/invite")
        /// The invited person's page: not signed in, the link's secret in the path.
        public static let invite = PagePath("/access/invite/:token")
        public static let roles = PagePath("/access/roles")
        public static let newRole = PagePath("/access/roles/new")
        public static let role = PagePath("/access/roles/:id")
        public static let editRole = PagePath("/access/roles/:id/edit")
        public static let tokens = PagePath("/access/tokens")
        public static let revokeToken = PagePath("/access/tokens/:id/revoke")

        public static let all: [PagePath] = [
            myPassword, users, newUser, user, editUser, userPassword, inviteUser, invite, roles, newRole, role, editRole, tokens,
            revokeToken,
        ]
    }
}
