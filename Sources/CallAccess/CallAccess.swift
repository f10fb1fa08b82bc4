/// Users, roles and the audit trail: who may hear which call, and proof of every access.
public enum CallAccess {}
