from django.contrib import admin

from .models import Delegation, Milestone


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["title", "lead", "status"]
    list_select_related = ["lead"]


admin.site.register(Milestone)
