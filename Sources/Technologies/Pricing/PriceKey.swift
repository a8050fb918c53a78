/// The entries of `PriceList` the cost model prices with, by system and fact name.
///
/// A test checks that every key names an entry of the table, so a lookup cannot fail at run time.
public enum PriceKey: String, CaseIterable, Sendable {
    case sqsStandardPerMillion = "AWS SQS|standard_price_per_million_requests"
    case sqsStandardTier2PerMillion = "AWS SQS|standard_price_per_million_requests_tier2"
    case sqsStandardTier3PerMillion = "AWS SQS|standard_price_per_million_requests_tier3"
    case sqsFIFOPerMillion = "AWS SQS|fifo_price_per_million_requests"
    case sqsFreeRequestsPerMonth = "AWS SQS|free_tier_requests_per_month"
    case sqsChunkKB = "AWS SQS|billing_chunk_size"
    case sqsMaxBatch = "AWS SQS|max_messages_per_batch_request"
    case sqsLongPollMaxWait = "AWS SQS|long_poll_max_wait"
    case snsPublishPerMillion = "AWS SNS|standard_publish_price_per_million"
    case snsFreeRequestsPerMonth = "AWS SNS|free_tier_requests_per_month"
    case snsChunkKB = "AWS SNS|billing_chunk_size"
    case snsToSQS = "AWS SNS|delivery_to_sqs_price"
    case snsToLambda = "AWS SNS|delivery_to_lambda_price"
    case snsHTTPPerMillion = "AWS SNS|delivery_http_price_per_million"
    case snsHTTPFreePerMonth = "AWS SNS|delivery_http_free_tier"
    case snsEmailPer100k = "AWS SNS|delivery_email_price_per_100k"
    case snsEmailFreePerMonth = "AWS SNS|delivery_email_free_tier"
    case snsMobilePushPerMillion = "AWS SNS|delivery_mobile_push_price_per_million"
    case snsMobilePushFreePerMonth = "AWS SNS|delivery_mobile_push_free_tier"
    case snsFirehosePerMillion = "AWS SNS|delivery_firehose_price_per_million"
    case snsSMSEach = "AWS SNS|delivery_sms_price"
    case storageQueueClass1Per10k = "Azure Storage Queue|class1_operations_price_per_10k_gpv2_lrs"
    case storageQueueClass2Per10k = "Azure Storage Queue|class2_operations_price_per_10k_gpv2_lrs"
    case storageQueueMaxPerGet = "Azure Storage Queue|max_messages_per_get"
    case serviceBusBasicPerMillion = "Azure Service Bus|basic_price_per_million_operations"
    case serviceBusStandardBasePerHour = "Azure Service Bus|standard_base_charge_per_hour"
    case serviceBusStandardIncludedPerMonth = "Azure Service Bus|standard_included_operations_per_month"
    case serviceBusStandardTier1PerMillion = "Azure Service Bus|standard_price_per_million_ops_13M_to_100M"
    case serviceBusStandardTier2PerMillion = "Azure Service Bus|standard_price_per_million_ops_100M_to_2500M"
    case serviceBusStandardTier3PerMillion = "Azure Service Bus|standard_price_per_million_ops_over_2500M"
    case serviceBusPremiumPerMUHour = "Azure Service Bus|premium_price_per_messaging_unit_hour"
    case mskBrokerHour = "Amazon MSK|kafka.m5.large_broker_hour"
    case amazonMQNodeHour = "Amazon MQ (RabbitMQ)|mq.m5.large_single_instance_hour"
    case elastiCacheNodeHour = "Amazon ElastiCache (Redis)|cache.m4.large_node_hour"
    case ec2InstanceHour = "Self-hosted (EC2)|m5.large_instance_hour"

    /// The `PriceFact.system` part of the key.
    public var system: String { String(rawValue.prefix { $0 != "|" }) }
    /// The `PriceFact.name` part of the key.
    public var name: String { String(rawValue.drop { $0 != "|" }.dropFirst()) }
}

extension PriceList {
    /// The fact a key names.
    public static func fact(_ key: PriceKey) -> PriceFact {
        guard let fact = fact(key.system, key.name) else {
            // Programmer error: PriceListTests checks every key against the table.
            preconditionFailure("the price table has no \(key.rawValue)")
        }
        return fact
    }

    /// The figure of the fact a key names, in that fact's unit.
    public static func value(_ key: PriceKey) -> Double { fact(key).value }
}
