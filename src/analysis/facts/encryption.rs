//! Why a flow that names no protocol is taken as encrypted all the same: what the model
//! says elsewhere of the same connection (`stages::facts::encrypted_like_siblings`).

/// Why a flow that names no protocol is taken as encrypted all the same.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LikeSiblings {
    /// Nothing says so.
    #[default]
    No,
    /// Another flow between the same process and the outside names an encrypted protocol.
    SameProcess,
    /// The same person or client app reaches another of the system's processes over an
    /// encrypted protocol.
    SameCaller,
    /// A WebSocket ("ws") from the app of someone who reaches the system over HTTPS: a
    /// page served over HTTPS can open only secure WebSockets.
    SecurePage,
    /// It crosses into the boundary (an index into the diagram's boundaries) named for a
    /// platform that serves only HTTPS.
    Platform(usize),
}
