/// The technology the decision tree picks, the branch that led there and why.
///
/// JSON shape (with `.sortedKeys`): `{"pick": "kafka", "alternatives": ["rabbitmq-stream", …],
/// "why": "…", "branch": [{"question": "onAWS", "text": "Are you on AWS?", "answer": false,
/// "given": "cloud: none", "defaulted": false}, …], "notes": […]}`; the last step of the branch
/// is the "yes" that picked, unless every answer was "no" and the default picked.
public struct Advice: Sendable, Equatable, Encodable {
    /// One question of the branch and its answer.
    public struct Step: Sendable, Equatable, Encodable {
        public var question: DecisionQuestion
        /// The question as asked.
        public var text: String
        public var answer: Bool
        /// Where the answer came from, e.g. "cloud: aws", "peak rate 5000/s < 1000000/s",
        /// "replay: not given, so no".
        public var given: String
        /// Whether the answer is a default because none was given.
        public var defaulted: Bool
    }

    public var pick: Technology
    /// Other technologies worth comparing for the same answer, best first.
    public var alternatives: [Technology]
    /// One line on why the pick.
    public var why: String
    public var branch: [Step]
    /// What the walk did not consider: "yes" answers to questions after the one that decided.
    public var notes: [String]
    /// Whether every answer was "no" and the tree's default picked.
    public var isDefault: Bool
}
