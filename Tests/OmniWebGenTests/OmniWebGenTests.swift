import Testing
@testable import OmniWebGen
