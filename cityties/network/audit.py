from auditlog.registry import auditlog

from .models import (
    Activity,
    CountryGroup,
    Organisation,
    Partnership,
    PartnershipDocument,
    PartnershipMember,
    Person,
)

# name_key is derived from the name: recording it would only repeat the name (and keep a
# copy of an erased person's name in the history).
auditlog.register(Person, exclude_fields=["name_key"])
auditlog.register(Organisation, m2m_fields={"sectors"}, exclude_fields=["name_key"])
auditlog.register(CountryGroup, m2m_fields={"members"})
auditlog.register(Partnership, m2m_fields={"themes"})
auditlog.register(PartnershipMember)
auditlog.register(Activity)
auditlog.register(PartnershipDocument, exclude_fields=["file"])
