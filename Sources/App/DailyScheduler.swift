import Foundation
import Kernel
import Persistence
import Services
import Vapor

/// Runs the daily jobs at 02:00 China time while the server runs. The run is claimed in the
/// database, so with several servers one of them does the work.
struct DailyScheduler: LifecycleHandler {
    final class Holder: @unchecked Sendable {
        var task: Task<Void, Never>?
        var minutely: Task<Void, Never>?
    }
    let holder = Holder()

    func didBootAsync(_ app: Application) async throws {
        let args = app.environment.arguments
        let command = args.count > 1 ? args[1] : "serve"
        guard command == "serve" || command.hasPrefix("-"), app.environment != .testing else { return }
        // Task reminders: every minute, what has come due goes to the inbox; the day's automatic messages.
        holder.minutely = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                if Task.isCancelled { return }
                do { try await TaskService.sendReminders(systemContext(app)) } catch {
                    app.logger.error("task reminders failed: \(String(reflecting: error))")
                }
                // Birthday greetings, event reminders, quote follow-ups: once a day, from 09:00 China time.
                do {
                    let queued = try await TriggerService.runDue(systemContext(app))
                    if queued > 0 { app.logger.notice("automatic messages: \(queued) sends queued") }
                } catch {
                    app.logger.error("automatic messages failed: \(String(reflecting: error))")
                }
            }
        }
        holder.task = Task.detached {
            // A night missed while no server ran (or cut short by a crash) is caught up at start,
            // once it is past 02:00 China time; the claim keeps it to one server.
            if CalendarDate.chinaMillisOfDay(Millis.from(Date())) >= 2 * 3_600_000 {
                do { _ = try await DailyJobs.run(systemContext(app)) } catch {
                    app.logger.error("daily jobs failed: \(String(reflecting: error))")
                }
            }
            while !Task.isCancelled {
                let now = Date()
                let day: TimeInterval = 86_400
                // Next 02:00 in UTC+8 is 18:00 UTC.
                var next = (now.timeIntervalSince1970 / day).rounded(.down) * day + 18 * 3600
                if next <= now.timeIntervalSince1970 { next += day }
                try? await Task.sleep(for: .seconds(next - now.timeIntervalSince1970))
                if Task.isCancelled { return }
                do {
                    if let r = try await DailyJobs.run(systemContext(app)) {
                        app.logger.notice(
                            "daily jobs: \(r.pools.recycled) recycled, \(r.pools.warned) warned, \(r.birthdays) birthdays, \(r.expiryAlerts) expiry alerts"
                        )
                    }
                } catch {
                    app.logger.error("daily jobs failed: \(String(reflecting: error))")
                }
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        holder.task?.cancel()
        holder.minutely?.cancel()
    }
}

/// `concord daily-jobs`: runs the nightly jobs now (recycle rules, warnings, birthday reminders).
struct DailyJobsCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Runs the nightly jobs now: pool recycle rules and warnings, birthday reminders, expiry alerts." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await prepareDatabase(app, config: Config.fromEnvironment())
        let r = try await DailyJobs.run(force: true, systemContext(app))!
        context.console.print(
            "Recycled \(r.pools.recycled) customers, warned about \(r.pools.warned), sent \(r.pools.notified) pool notices, "
                + "\(r.birthdays) birthday reminders and \(r.expiryAlerts) expiry alerts."
        )
    }
}
