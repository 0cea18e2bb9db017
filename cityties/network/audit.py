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

auditlog.register(Person)
auditlog.register(Organisation, m2m_fields={"sectors"})
auditlog.register(CountryGroup, m2m_fields={"members"})
auditlog.register(Partnership, m2m_fields={"themes"})
auditlog.register(PartnershipMember)
auditlog.register(Activity)
auditlog.register(PartnershipDocument, exclude_fields=["file"])
