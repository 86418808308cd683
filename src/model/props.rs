//! Typed security properties of elements and flows.
//!
//! The set covers the Microsoft Threat Modeling Tool's core (SDL template) properties and
//! OWASP Threat Dragon v2's, so that models from both import without loss. Booleans
//! default to `false`: an unset property is treated as "not provided", which is the
//! conservative reading for threat generation.

use serde::{Deserialize, Serialize};

/// What kind of DFD element something is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ElementKind {
    Process,
    DataStore,
    ExternalEntity,
}

impl ElementKind {
    pub const ALL: [ElementKind; 3] = [Self::Process, Self::DataStore, Self::ExternalEntity];

    /// The name users read (and the one used in JSON output, snake case).
    pub fn label(self) -> &'static str {
        match self {
            Self::Process => "Process",
            Self::DataStore => "Data store",
            Self::ExternalEntity => "External entity",
        }
    }

    pub fn snake(self) -> &'static str {
        match self {
            Self::Process => "process",
            Self::DataStore => "data_store",
            Self::ExternalEntity => "external_entity",
        }
    }
}

/// Kind-specific properties of an element; the variant is the element's kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ElementProps {
    Process(ProcessProps),
    DataStore(DataStoreProps),
    ExternalEntity(ExternalEntityProps),
}

impl ElementProps {
    pub fn kind(&self) -> ElementKind {
        match self {
            Self::Process(_) => ElementKind::Process,
            Self::DataStore(_) => ElementKind::DataStore,
            Self::ExternalEntity(_) => ElementKind::ExternalEntity,
        }
    }

    /// Default properties for a new element of a kind.
    pub fn default_for(kind: ElementKind) -> Self {
        match kind {
            ElementKind::Process => Self::Process(ProcessProps::default()),
            ElementKind::DataStore => Self::DataStore(DataStoreProps::default()),
            ElementKind::ExternalEntity => Self::ExternalEntity(ExternalEntityProps::default()),
        }
    }
}

/// Managed (memory-safe) or unmanaged code (MS "Code Type").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CodeType {
    #[default]
    Unspecified,
    /// Memory-safe: Rust, Java, .NET, Go, Python, JavaScript…
    Managed,
    /// Not memory-safe: C, C++, assembly.
    Unmanaged,
}

/// The account a process runs as (MS "Running As"; Threat Dragon "privilege level").
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RunsAs {
    #[default]
    Unspecified,
    StandardUser,
    ServiceAccount,
    Administrator,
    /// root / SYSTEM.
    System,
    Kernel,
    /// Free text, as Threat Dragon stores it, when it matches none of the above.
    Other(String),
}

impl RunsAs {
    /// Administrator, root/SYSTEM or kernel.
    pub fn is_privileged(&self) -> bool {
        matches!(self, Self::Administrator | Self::System | Self::Kernel)
    }
}

/// How a process is isolated from its host (MS "Isolation Level").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Isolation {
    #[default]
    Unspecified,
    None,
    Sandbox,
    Container,
    VirtualMachine,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProcessProps {
    pub code_type: CodeType,
    pub runs_as: RunsAs,
    pub isolation: Isolation,
    /// Verifies who is calling it (MS "Implements or Uses an Authentication Mechanism").
    pub authenticates_callers: bool,
    /// Checks what an authenticated caller may do (MS "Implements or Uses an Authorization Mechanism").
    pub authorizes_callers: bool,
    /// Its authorization logic is home-grown rather than a platform's.
    pub custom_authorization: bool,
    /// Implements a wire protocol itself (MS "Implements or Uses a Communication Protocol").
    pub custom_protocol: bool,
    /// Validates and sanitises what it receives.
    pub sanitizes_input: bool,
    /// Encodes what it emits (for HTML: against XSS).
    pub sanitizes_output: bool,
    /// Writes an audit trail of security-relevant actions.
    pub audit_logging: bool,
    /// Limits request rates or resource use per caller.
    pub rate_limited: bool,
    /// Holds secrets (keys, tokens, passwords) in memory or configuration.
    pub handles_secrets: bool,
    /// Serves HTML pages to browsers (Threat Dragon "is a web application"); a JSON-only API is not one.
    pub is_web_application: bool,
    /// Threat Dragon "handles card payment".
    pub handles_card_payment: bool,
    /// Threat Dragon "handles goods or services".
    pub handles_goods_or_services: bool,
    /// Runs code or plug-ins supplied at run time (scripts, templates, extensions).
    pub executes_dynamic_code: bool,
    /// Run by another organisation (a payment, email or identity provider's service): its
    /// internals are the provider's to secure; the analysis reports the dependency.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub third_party: bool,
}

/// What kind of store it is; conditions use it where the technology matters (SQL injection).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StoreType {
    #[default]
    Unspecified,
    Sql,
    NoSql,
    KeyValue,
    ObjectStorage,
    FileSystem,
    Cache,
    Queue,
    Cookie,
    Registry,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DataStoreProps {
    pub store_type: StoreType,
    /// Passwords, password hashes, keys or tokens.
    pub stores_credentials: bool,
    /// Logs or audit data (enables the repudiation baseline threat).
    pub stores_logs: bool,
    pub encrypted_at_rest: bool,
    /// Contents are signed or integrity-checked (MS "Signed"; Threat Dragon "is signed").
    pub signed: bool,
    /// Backed up regularly.
    pub backup: bool,
    /// Shared with other systems or tenants (MS "Shared").
    pub shared: bool,
    /// Removable media (MS "Removable").
    pub removable: bool,
    /// Threat Dragon "stores inventory".
    pub stores_inventory: bool,
    /// Run by another organisation (a payment, email or identity provider's service): its
    /// internals are the provider's to secure; the analysis reports the dependency.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub third_party: bool,
    /// Most sensitive class of data it holds.
    pub classification: DataClass,
    /// The kinds of sensitive data it holds (personal, payment, health, credentials,
    /// keys), beside how secret they are.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<DataCategory>,
}

/// Human or system (MS "Type").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    #[default]
    Unspecified,
    Human,
    System,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExternalEntityProps {
    pub actor: Actor,
    /// Proves its identity to the system (MS "Authenticates Itself"; TD "provides authentication").
    pub authenticates_itself: bool,
    /// An identity provider / SSO service others trust for authentication.
    pub identity_provider: bool,
    /// Run by another organisation (a SaaS, a partner, a payment provider).
    pub third_party: bool,
    /// Anyone at all (an anonymous web visitor): there is no identity to spoof or deny.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
}

/// Classification of the data a flow carries or a store holds.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum DataClass {
    #[default]
    Unspecified,
    Public,
    Internal,
    Confidential,
    /// Credentials, keys, payment card data, health data.
    Secret,
}

impl DataClass {
    /// Confidential or secret.
    pub fn is_sensitive(self) -> bool {
        self >= Self::Confidential
    }
}

/// A kind of sensitive data a flow carries or a store holds, beside its [`DataClass`]:
/// what the law or a contract says about it, where the class says how secret it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DataCategory {
    /// Personal data (PII): names, addresses, e-mail addresses of people.
    Personal,
    /// Payment data: card numbers, bank details.
    Payment,
    /// Health data.
    Health,
    /// Credentials: passwords, session tokens, API tokens.
    Credentials,
    /// Cryptographic keys and secrets.
    Keys,
}

impl DataCategory {
    pub const ALL: [Self; 5] = [
        Self::Personal,
        Self::Payment,
        Self::Health,
        Self::Credentials,
        Self::Keys,
    ];

    /// How the inspector and reports name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Personal => "Personal data",
            Self::Payment => "Payment data",
            Self::Health => "Health data",
            Self::Credentials => "Credentials",
            Self::Keys => "Keys",
        }
    }
}

/// What a flow's payload is; parsers for some formats carry their own threats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Payload {
    #[default]
    Unspecified,
    Json,
    Xml,
    Html,
    Form,
    Binary,
    File,
    Sql,
    Text,
}

/// What a trust boundary separates; conditions can ask which kind a flow crosses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BoundaryType {
    #[default]
    Generic,
    /// Between the public internet and a system.
    Internet,
    /// Between networks or network zones (corporate network, VPC, DMZ).
    Network,
    /// Between machines or hosts.
    Machine,
    /// Between a process and a sandbox, container or VM.
    Sandbox,
    /// Between user mode and the kernel.
    Kernel,
    /// Between organisations or cloud accounts.
    Organization,
}
