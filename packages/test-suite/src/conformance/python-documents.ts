/**
 * Documents written by the Python flipper-client 1.3.2, with what it answered, taken from the
 * golden vectors. A store must read them unchanged; the answers come from Python, not from us.
 */
export const PYTHON_DOCUMENTS: readonly {
  readonly text: string;
  readonly evaluations: readonly { checks: Record<string, unknown>; enabled: boolean }[];
}[] = [
  {
    text: "{\"feature_name\": \"FLAG_3_\", \"is_enabled\": true, \"meta\": {\"client_data\": {\"owner\": \"2\\r\\u00f1\", \"n\": 3}, \"created_date\": 1795640779, \"conditions\": [{\"plan\": [{\"variable\": \"plan\", \"value\": 59, \"operator\": \"lt\"}], \"age\": [{\"variable\": \"age\", \"value\": 89.83, \"operator\": \"gt\"}], \"is_admin\": [{\"variable\": \"is_admin\", \"value\": 94, \"operator\": \"lt\"}]}], \"bucketer\": {\"type\": \"ConsistentHashPercentageBucketer\", \"percentage\": {\"type\": \"Percentage\", \"value\": 0.25}, \"key_whitelist\": [\"country\", \"plan\"]}}}",
    evaluations: [
      { checks: {"is_admin": 32.33, "user_id": true, "org_id": 81.69}, enabled: true },
      { checks: {"user_id": 333017}, enabled: false },
      { checks: {"email": false}, enabled: false },
      { checks: {"org_id": 66.57}, enabled: false },
      { checks: {}, enabled: false },
      { checks: {}, enabled: false },
      { checks: {"is_admin": true, "country": 55}, enabled: true },
      { checks: {"age": 61, "email": 42, "user_id": 81.34, "country": false}, enabled: false },
    ],
  },
  {
    text: "{\"feature_name\": \"FLAG_21_A\", \"is_enabled\": true, \"meta\": {\"client_data\": {\"owner\": \"7\\ud83c\\udf89B\\\\\\u0001\\ud83d\\ude00\\\\\\u00f1p\\ud83d\\ude00\\\\h\", \"n\": 21}, \"created_date\": 1795640779, \"conditions\": [{\"org_id\": [{\"variable\": \"org_id\", \"value\": 85, \"operator\": \"gte\"}]}, {\"email\": [{\"variable\": \"email\", \"value\": [\"pro\"], \"operator\": \"not_in\"}], \"plan\": [{\"variable\": \"plan\", \"value\": 99, \"operator\": \"gte\"}]}], \"bucketer\": {\"type\": \"ConsistentHashPercentageBucketer\", \"percentage\": {\"type\": \"LinearRampPercentage\", \"initial_value\": 0.0, \"final_value\": 1.0, \"ramp_duration\": 1000000000000, \"initial_time\": 1795640679}, \"key_whitelist\": [\"user_id\"]}}}",
    evaluations: [
      { checks: {"user_id": 36.51, "age": 14.06, "plan": false}, enabled: false },
      { checks: {"age": "free", "country": true, "is_admin": 19}, enabled: false },
      { checks: {"country": 35, "email": false, "user_id": 567725}, enabled: true },
      { checks: {"plan": "FR"}, enabled: false },
      { checks: {"org_id": "FR", "email": false, "age": 17, "user_id": 290594}, enabled: false },
      { checks: {"org_id": "pro", "plan": false, "is_admin": 91, "age": "FR"}, enabled: false },
      { checks: {"org_id": 3.87, "age": 0.93, "user_id": false}, enabled: false },
      { checks: {}, enabled: false },
    ],
  },
];
