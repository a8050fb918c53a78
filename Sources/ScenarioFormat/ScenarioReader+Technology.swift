/// Keys of technology presets read with the rest of the scenario: producer
/// `message.sizeBytes`. (`technology` itself is applied before reading, TechnologyPresets.swift.)
extension ScenarioReader {
    /// Largest message size a scenario may give [bytes]: 1 GiB.
    static let maxMessageSizeBytes = 1 << 30

    /// A producer's `"message": {"sizeBytes": 2048}`: the size of each message body
    /// [bytes], 1 … 2³⁰. Checked against the maximum message size of the technology of the
    /// broker it publishes to (an Azure Storage Queue message is at most 64 KiB); brokers with
    /// a `profile.bytesPerSecond` capacity charge it for each message.
    func readMessageSize(_ message: ObjectReader?) -> Int? {
        message?.integer("sizeBytes", in: 1...Self.maxMessageSizeBytes)
    }
}
