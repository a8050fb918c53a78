import SimulationKernel

extension Simulation {
    /// Publishes every queue's `initialBacklog` at time 0, before the producers start: queue
    /// by queue in model order, message by message, straight into the queue (consumers with
    /// credit take the first ones at once).
    ///
    /// Message properties drawn per message (routing key and headers, key, poison) come from
    /// streams of the queue's own (`RandomPurpose`), so a backlog does not change the
    /// producers' arrivals; priorities are drawn from the message id as for any publish.
    mutating func publishInitialBacklogs() {
        // A backlog is already stored in its queue at time 0: nothing holds it back.
        let entryActive = entry.active
        entry.active = false
        defer { entry.active = entryActive }
        for (q, configuration) in model.queues.enumerated() {
            guard let backlog = configuration.initialBacklog else { continue }
            let p = backlog.producer
            let producer = model.producers[p]
            let template = routing.producerPlans[p].template
            var poisonStream = RandomStream(seed: model.seed, .queue, configuration.name, .poison)
            var keyStream = RandomStream(seed: model.seed, .queue, configuration.name, .keys)
            var templateStream = RandomStream(seed: model.seed, .queue, configuration.name, .template)
            let entity = "backlog/" + configuration.name
            // Keys as the producer's first instance draws them, from the backlog's stream.
            let keyed = ordering.active ? producers.firstIndex { $0.producer == p } : nil
            for _ in 0..<backlog.messages {
                countPublish()
                let poison = producer.poisonFraction > 0 && poisonStream.bernoulli(producer.poisonFraction)
                let key = keyed.map { drawKey(likeProducerInstance: $0, from: &keyStream) } ?? .none
                if template != 0 {
                    let variant = routing.templates[Int(template)].draw(&templateStream)
                    publishMessage(to: .queue(QueueID(q)), template: template, variant: variant, producer: ProducerID(p),
                                   correlation: nil, mandatory: false, by: entity, poison: poison, key: key)
                    continue
                }
                admit(newMessage(in: q, producer: p, poison: poison, key: key, by: entity), into: q)
            }
        }
    }
}
