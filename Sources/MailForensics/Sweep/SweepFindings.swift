import MailParsing

/// Findings a batch sweep adds itself: a message whose analysis ran out of time.
public enum SweepFindings {
    static let timedOut = FindingSpec(
        id: "sweep.timed-out", severity: .notice, title: "The analysis of this message took too long and was stopped.",
        trigger: "A sweep gave up on one message after its per-message time limit (--message-timeout).",
        meaning: "Nothing could be concluded about this message in the time allowed; the sweep went on with the next one.",
        action: "Analyze this message on its own with `mailsleuth analyze`, or raise --message-timeout.")
    static let specs = [timedOut]

    /// Why a message has no analysis: the time limit it ran into.
    public static func timeoutReason(seconds: Double) -> String {
        "analysis stopped after \(seconds.formatted0) s (--message-timeout)"
    }

    /// The report of a message whose analysis ran out of time: its source, one finding, no conclusion.
    public static func timedOutReport(_ location: MessageLocation, bytes: Int, seconds: Double, toolVersion: String) -> Report {
        let source = SourceInfo(path: location.path, index: location.index, byteOffset: location.byteOffset, kind: location.kind,
                                sha256: "", bytes: bytes)
        var report = Report(tool: ToolInfo(version: toolVersion), source: source, message: MessageSummary())
        let reason = timeoutReason(seconds: seconds)
        report.findings.append(timedOut.finding(explanation: "The analysis was stopped after \(seconds.formatted0) seconds."))
        report.verdict = Verdict(level: .notice, score: 0, summary: "The message could not be analyzed: \(reason).")
        return report
    }
}

extension Double {
    /// The number without a trailing ".0" when it is whole.
    var formatted0: String { rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
