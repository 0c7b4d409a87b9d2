"""Evidence files live outside MEDIA_ROOT (see ``intranet.storage``); ``views.evidence`` streams
them to the owner and learning admins only. The class keeps its name for the migration that
refers to it."""

from intranet.storage import PrivateStorage


class PrivateEvidenceStorage(PrivateStorage):
    pass


private_evidence_storage = PrivateEvidenceStorage()
