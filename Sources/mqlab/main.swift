import MQLabCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(MQLab.main(Array(CommandLine.arguments.dropFirst())))
