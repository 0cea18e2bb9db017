from django.contrib import admin

from .models import CountryGroup, Organisation, Person, Sector


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "city", "is_member"]
    list_filter = ["kind", "country", "is_member"]
    search_fields = ["name", "city"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "function", "organisation"]
    search_fields = ["last_name", "first_name", "email"]
    list_select_related = ["organisation"]


admin.site.register(Sector)
admin.site.register(CountryGroup)
