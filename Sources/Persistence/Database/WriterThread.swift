import Foundation
import NIOCore

/// The thread SQLite write transactions run on (`Store.write`). Requests are served on the event
/// loops, which also read the sockets; a transaction's statements, and its COMMIT waiting for the
/// disk, run here instead, so that neither a slow fsync nor a queue of writes keeps a loop from
/// reading its other connections. A transaction crosses threads twice (in and out) whatever the
/// number of its statements, and the transactions that queue meanwhile run here one after the
/// other, in the order they came, and share one commit (`WriteGate`).
public final class WriterThread: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private var running = false
    private let name: String

    public init(name: String = "concord-sqlite-writer") {
        self.name = name
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        // Started by the first job; after `stop`, a late job (a write racing the shutdown) gets a
        // thread that runs it, and what came with it, and ends: nothing waits forever.
        if !running {
            running = true
            let thread = Thread { [self] in run() }
            thread.name = name
            thread.start()
        }
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread once the work already queued has run.
    public func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                running = false
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}

/// Runs a task's jobs on one event loop: a PostgreSQL transaction's body, on the loop its
/// connection reads from, resumes there when each statement answers instead of waiting for a
/// thread of the shared pool (where, on a busy server, it would queue behind the requests that
/// wait on its locks).
final class EventLoopTaskExecutor: TaskExecutor, Sendable {
    let loop: any EventLoop
    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
