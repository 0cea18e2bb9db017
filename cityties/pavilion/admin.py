from django.contrib import admin

from .models import CostItem, ExchangeRate, SubsidyRule


@admin.register(CostItem)
class CostItemAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "delegation", "planned_amount", "currency")
    list_filter = ("kind",)
    # Shares go through the services, which keep the stand's sums; not edited here.
    readonly_fields = ("allocated_area", "allocated_days", "allocated_percent")


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("delegation", "currency", "rate", "source", "on_date")


@admin.register(SubsidyRule)
class SubsidyRuleAdmin(admin.ModelAdmin):
    list_display = ("label", "delegation", "funder", "rate", "position")
