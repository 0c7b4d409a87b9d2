# The per-role client fixture of the permission matrices, shared with the records' matrix.
from tests.learning.records.test_permissions import client_for  # noqa: F401
