from django.contrib import admin

from .models import Quota, Reception


@admin.register(Reception)
class ReceptionAdmin(admin.ModelAdmin):
    list_display = ("session", "venue", "capacity", "allocated", "present")
    # The counters are kept by the services with the rows they count; not edited here.
    readonly_fields = ("allocated", "present")


@admin.register(Quota)
class QuotaAdmin(admin.ModelAdmin):
    list_display = ("reception", "participant", "size", "named")
    readonly_fields = ("named",)
