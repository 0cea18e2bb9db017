from auditlog.registry import auditlog

from .models import CountryGroup, Organisation, Person

auditlog.register(Person)
auditlog.register(Organisation, m2m_fields={"sectors"})
auditlog.register(CountryGroup, m2m_fields={"members"})
