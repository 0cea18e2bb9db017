from django.contrib import admin

from .models import OutcomeRecord, SurveyInvitation


@admin.register(OutcomeRecord)
class OutcomeRecordAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "organisation", "delegation", "year", "value", "currency")
    list_filter = ("kind", "year", "source")
    # City and year are kept by the services from the participant and the edition.
    readonly_fields = ("city", "year", "value_eur")


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(admin.ModelAdmin):
    list_display = ("participant", "delegation", "step", "sent_at", "answered_at")
    list_filter = ("step",)
    readonly_fields = ("nonce",)
