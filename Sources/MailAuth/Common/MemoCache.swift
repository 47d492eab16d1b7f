import Foundation

/// A small, bounded, thread-safe memo of a pure function of a string (a performance aid for batch sweeps, where
/// the same domains come back message after message). When full it is emptied and refilled: memory stays bounded
/// whatever the input, and results never depend on what was cached.
///
/// `value(for:compute:)` is inlinable so that each client module gets a copy specialized for its value type:
/// the unspecialized generic dictionary lookup cost more than the lock.
public final class MemoCache<Value: Sendable>: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var values: [String: Value] = [:]
    @usableFromInline let capacity: Int

    public init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    /// The cached value for `key`, or `compute(key)` (computed outside the lock, then remembered).
    @inlinable
    public func value(for key: String, compute: (String) -> Value) -> Value {
        lock.lock()
        if let known = values[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let fresh = compute(key)
        guard key.utf8.count <= 512 else { return fresh }
        lock.lock()
        if values.count >= capacity { values.removeAll(keepingCapacity: true) }
        values[key] = fresh
        lock.unlock()
        return fresh
    }
}
