// The FeatureFlagStore service of the Python flipper-client, field for field: a Python client
// or server and this package interoperate on the wire. Field ids, types, method names and
// argument ids are the contract; do not renumber or retype anything here.
//
// JSON-typed strings hold JSON text as Python's json.dumps writes it.

enum ErrorCode {
    NOT_FOUND
}

exception FlipperException {
    1: optional ErrorCode code;
    2: optional string message = "";
}

struct ConditionOperator {
    // Unset for an equality check.
    1: optional string symbol;
}

struct ConditionCheck {
    1: optional string variable;
    2: optional string value /* JSON */;
    3: optional ConditionOperator operator;
}

typedef map<string, list<ConditionCheck>> Condition

struct FeatureFlagStoreMeta {
    // Epoch seconds.
    1: optional i64 created_date;
    2: optional string client_data /* JSON */;
    3: optional list<Condition> conditions;
    4: optional string bucketer /* JSON */;
}

struct FeatureFlagStoreItem {
    1: optional string feature_name;
    2: optional bool is_enabled;
    3: optional FeatureFlagStoreMeta meta;
}

service FeatureFlagStore {
    FeatureFlagStoreItem Create(1: string feature_name, 2: bool is_enabled, 3: string client_data /* JSON */)
        throws (1: FlipperException error),

    FeatureFlagStoreItem Get(1: string feature_name) throws (1: FlipperException error),

    void Set(1: string feature_name, 2: bool is_enabled) throws (1: FlipperException error),

    void Delete(1: string feature_name) throws (1: FlipperException error),

    // An unset limit means no limit (the Python client sends it unset).
    list<FeatureFlagStoreItem> List(1: i64 limit, 2: i64 offset) throws (1: FlipperException error),

    void SetMeta(1: string feature_name, 2: FeatureFlagStoreMeta meta) throws (1: FlipperException error)
}
