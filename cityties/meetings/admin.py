from django.contrib import admin

from .models import ActionItem, Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "starts_at", "minutes_status"]
    list_select_related = ["group"]


admin.site.register(ActionItem)
