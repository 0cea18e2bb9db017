from django.contrib import admin

from .models import Plan, Run


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("delegation", "confirmed_at", "purged_at")


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    list_display = ("plan", "status", "progress", "created_at", "finished_at")
    readonly_fields = ("stats", "unplaced")
