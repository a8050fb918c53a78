// The shared test fixtures (Tests/TestSupport) are visible in every file of this target, as
// the helpers they replaced were.
@_exported import TestSupport
