from django.contrib import admin

from .models import Crisis, Fund, Match, Need, Offer, OudinBudget, Payment, Pledge, Project


@admin.register(Crisis)
class CrisisAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "country", "occurred_on", "status")
    list_filter = ("kind", "status")


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ("title", "crisis", "channel", "manager", "target_amount", "status")
    list_filter = ("channel", "status")
    readonly_fields = ("public_version",)


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    # Payments go through the services, which keep the pledge's total under a lock.
    readonly_fields = ("paid_on", "amount", "channel", "reference", "created_by")
    can_delete = False


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ("member", "fund", "amount", "legal_basis", "paid_total", "is_private")
    list_filter = ("legal_basis", "is_private")
    readonly_fields = ("paid_total", "decision_file")
    inlines = [PaymentInline]


@admin.register(OudinBudget)
class OudinBudgetAdmin(admin.ModelAdmin):
    list_display = ("member", "year", "water", "sanitation", "waste")


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "fund", "partner", "status")
    list_filter = ("status",)


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ("title", "member", "domain", "staff_days", "status")
    list_filter = ("domain", "status")


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ("title", "partner", "domain", "staff_days", "status")
    list_filter = ("domain", "status")


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ("need", "offer", "status", "score")
    list_filter = ("status",)
