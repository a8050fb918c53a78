import SimulationKernel

/// A Service Bus processor's automatic lock renewal: while a message is being processed, the
/// consumer renews its peek-lock (the queue's `visibilityTimeout`) before it runs out, for at
/// most `maxDuration` from the start of the processing attempt.
///
/// JSON on a consumer of a queue with a `visibilityTimeout`: `"lockRenewal": {"maxDuration":
/// "5m"}` (`{}` takes the SDK's default, 5 minutes).
///
/// Model: when the lock of a message in progress would run out, it is renewed for another lock
/// duration if the attempt started less than `maxDuration` ago; the first expiry at or after
/// that point makes the message visible again (redelivered while the first attempt still
/// runs). Messages waiting in a prefetch buffer are not renewed, as in the SDK processors.
///
/// - Note: Source: Azure SDK for .NET, `ServiceBusProcessorOptions.MaxAutoLockRenewalDuration`
///   ("the maximum duration within which the lock will be renewed automatically"; default 5
///   minutes; https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.servicebusprocessoroptions.maxautolockrenewalduration),
///   and "Message transfers, locks, and settlement"
///   (https://learn.microsoft.com/azure/service-bus-messaging/message-transfers-locks-settlement).
public struct LockRenewal: Sendable, Equatable {
    /// The SDK processors' default `maxDuration` (5 minutes).
    public static let sdkDefault = SimDuration(seconds: 300)

    /// Longest time, from the start of an attempt, during which its lock is renewed [s], > 0.
    public var maxDuration: SimDuration

    public init(maxDuration: SimDuration = LockRenewal.sdkDefault) {
        self.maxDuration = maxDuration
    }
}

/// What a consumer's lock renewal did in a run.
public struct LockRenewalMetrics: Sendable, Equatable {
    public var maxDuration: SimDuration
    /// Locks renewed (each renewal counted).
    public var renewals = 0
    /// Locks that ran out while an attempt was still in progress, because renewal had
    /// reached `maxDuration`: the message became visible again.
    public var expiredWhileProcessing = 0

    public init(maxDuration: SimDuration) { self.maxDuration = maxDuration }
}
