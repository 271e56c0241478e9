import Kernel

/// An invitation to a campaign's event (活动邀约): sent, then answered — accepted or declined, by
/// the invitee on the public RSVP page or by staff who took the answer on the phone — then checked
/// in at the door. Someone who said no, or never answered, and comes anyway is checked in all the
/// same; a check-in scanned by mistake is undone back to accepted. A no-show is not a state: it is
/// an accepted invitation whose event is over.
public enum InvitationFlow: DocumentFlow {
    public enum State: String, Sendable, CaseIterable {
        case invited, accepted, declined
        case checkedIn = "checked_in"
    }

    public enum Command: String, Sendable, CaseIterable {
        case accept, decline
        case checkIn = "check_in"
        case undo
    }

    public static let module = Module.marketing

    /// Those the event expects: a seat is theirs.
    public static let expected: Set<State> = [.accepted, .checkedIn]

    public static func rule(_ command: Command) -> Rule<State> {
        let edit = [Right(.marketing, .edit)]
        return switch command {
        case .accept: Rule(from: [.invited, .declined], .moves(to: .accepted), rights: edit)
        case .decline: Rule(from: [.invited, .accepted], .moves(to: .declined), rights: edit)
        case .checkIn: Rule(from: [.invited, .accepted, .declined], .moves(to: .checkedIn), rights: edit)
        case .undo: Rule(from: [.checkedIn], .moves(to: .accepted), rights: edit)
        }
    }

    public static func refusal(_ command: Command, from state: State) -> String {
        switch (command, state) {
        case (.checkIn, .checkedIn): "already_checked_in"
        case (.accept, .accepted), (.decline, .declined): "already_answered"
        case (.accept, .checkedIn), (.decline, .checkedIn): "already_checked_in"
        default: "invalid_transition"
        }
    }
}
