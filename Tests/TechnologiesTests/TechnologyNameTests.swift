import Testing
@testable import Technologies

@Suite struct TechnologyNameTests {
    @Test func namesAreTheOnesScenariosUse() {
        #expect(Technology.allCases.map(\.rawValue) == [
            "rabbitmq-classic", "rabbitmq-quorum", "rabbitmq-stream", "kafka", "sqs-standard",
            "sqs-fifo", "sns", "azure-storage-queue", "azure-service-bus", "redis-streams",
        ])
        #expect(Technology(rawValue: "kafka") == .kafka)
        #expect(Technology(rawValue: "Kafka") == nil)
    }
}
