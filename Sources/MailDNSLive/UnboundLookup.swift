import CUnbound
import Foundation
import MailDNS

/// One blocking lookup on its own libunbound context: `ub_resolve_async`, then `poll` on `ub_fd` and
/// `ub_process` until the answer or the deadline, when the query is cancelled.
struct UnboundLookup {
    let configuration: LiveResolver.Configuration
    let forwarder: String?
    let server: String

    /// Where the callback leaves the result; lives until the lookup returns.
    final class ResultBox {
        var done = false
        var error: Int32 = 0
        var result: UnsafeMutablePointer<ub_result>?
    }

    private static let rcodeNXDOMAIN: Int32 = 3

    func run(_ question: DNSQuestion) -> DNSAnswer {
        let deadline = Self.now() + configuration.timeout
        let time = configuration.clock()
        func negative(_ outcome: DNSOutcome) -> DNSAnswer {
            DNSAnswer(question: question, outcome: outcome, origin: .live(server: server, time: time, ttl: nil, dnssec: .unknown))
        }
        guard let context = ub_ctx_create() else { return negative(.servfail) }
        // Deleting a context joins libunbound's worker thread, which after a timeout may still be waiting to
        // retransmit to a silent server (seconds on a loaded machine): then the teardown goes to a background
        // queue, so the caller gets its answer at the deadline.
        var deleteLater = false
        defer {
            if deleteLater {
                let handle = UnboundContextHandle(context)
                DispatchQueue.global(qos: .utility).async { ub_ctx_delete(handle.context) }
            } else {
                ub_ctx_delete(context)
            }
        }
        guard configure(context) else { return negative(.servfail) }

        let box = ResultBox()
        var asyncID: Int32 = 0
        let submitted = ub_resolve_async(context, question.name, Int32(Self.typeCode(question.type)), 1,
                                         Unmanaged.passUnretained(box).toOpaque(), unboundCallback, &asyncID)
        guard submitted == 0 else { return negative(.servfail) }
        let descriptor = ub_fd(context)
        while !box.done {
            let remaining = deadline - Self.now()
            guard remaining > 0 else {
                ub_cancel(context, asyncID)
                deleteLater = true
                return negative(.timeout)
            }
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(min(remaining * 1000 + 1, 3_600_000)))
            if ready > 0 { ub_process(context) }
        }
        return withExtendedLifetime(box) {
            guard box.error == 0, let result = box.result else { return negative(.servfail) }
            defer { ub_resolve_free(result) }
            return answer(question, result.pointee, time: time)
        }
    }

    /// Applies the configuration; false when libunbound refuses it.
    private func configure(_ context: OpaquePointer) -> Bool {
        guard ub_ctx_async(context, 1) == 0 else { return false }
        if let forwarder {
            guard ub_ctx_set_fwd(context, forwarder) == 0 else { return false }
        } else {
            _ = ub_ctx_resolvconf(context, nil)
        }
        if let anchor = configuration.trustAnchorFile {
            // libunbound still hands back the data of a bogus answer, flagged: it is kept and marked bogus.
            // (val-permissive-mode is not set: it would turn bogus into "indeterminate" and hide the failure.)
            guard ub_ctx_add_ta_file(context, anchor) == 0 else { return false }
        }
        for (option, value) in configuration.options.sorted(by: { $0.key < $1.key }) {
            guard ub_ctx_set_option(context, option, value) == 0 else { return false }
        }
        return true
    }

    private func answer(_ question: DNSQuestion, _ result: ub_result, time: Date) -> DNSAnswer {
        let status: DNSSECStatus = configuration.trustAnchorFile == nil ? .unknown
            : result.secure != 0 ? .secure : result.bogus != 0 ? .bogus : .insecure
        let ttl = result.havedata != 0 ? UInt32(clamping: result.ttl) : nil
        let origin = DNSOrigin.live(server: server, time: time, ttl: ttl, dnssec: status)
        func answer(_ outcome: DNSOutcome) -> DNSAnswer { DNSAnswer(question: question, outcome: outcome, origin: origin) }

        if result.nxdomain != 0 || result.rcode == Self.rcodeNXDOMAIN { return answer(.nxdomain) }
        guard result.rcode == 0 else { return answer(.servfail) }
        guard result.havedata != 0 else { return answer(.nodata) }

        var owner = question.name
        var records: [DNSRecord] = []
        if let canonical = result.canonname {
            let target = DNSQuestion.normalize(String(cString: canonical))
            if target != question.name, question.type != .cname {
                records.append(DNSRecord(name: question.name, ttl: ttl, data: .cname(target), origin: origin))
                owner = target
            }
        }
        var index = 0
        while let data = result.data?[index], let lengths = result.len {
            let length = Int(lengths[index])
            let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: max(0, length)))
            if let parsed = RDataParser.parse(bytes, type: question.type) {
                records.append(DNSRecord(name: owner, ttl: ttl, data: parsed, origin: origin))
            }
            index += 1
        }
        guard records.contains(where: { $0.data.type == question.type }) else { return answer(.servfail) }
        return answer(.records(records))
    }

    static func typeCode(_ type: DNSRecordType) -> UInt16 {
        switch type {
        case .a: return 1
        case .ns: return 2
        case .cname: return 5
        case .ptr: return 12
        case .mx: return 15
        case .txt: return 16
        case .aaaa: return 28
        }
    }

    /// Monotonic seconds, immune to wall-clock changes.
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// A libunbound context handed to the queue that deletes it; nothing else uses it after the lookup returns.
private struct UnboundContextHandle: @unchecked Sendable {
    let context: OpaquePointer
    init(_ context: OpaquePointer) { self.context = context }
}

/// libunbound's completion callback: stores the result in the lookup's box.
private func unboundCallback(_ data: UnsafeMutableRawPointer?, _ error: Int32, _ result: UnsafeMutablePointer<ub_result>?) {
    guard let data else {
        if let result { ub_resolve_free(result) }
        return
    }
    let box = Unmanaged<UnboundLookup.ResultBox>.fromOpaque(data).takeUnretainedValue()
    box.error = error
    box.result = result
    box.done = true
}
