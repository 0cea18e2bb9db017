from django.contrib import admin

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title_fr", "kind", "starts_at", "city", "country", "visibility"]
    list_filter = ["kind", "visibility", "country"]
    search_fields = ["title_fr", "title_en", "city"]
    list_select_related = ["organiser"]
