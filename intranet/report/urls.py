from django.urls import path

from . import views

app_name = "report"

urlpatterns = [
    path("", views.report_latest, name="latest"),
    path("compare/", views.report_compare_page, name="compare"),
    path("<int:year>/", views.report_page, name="year"),
    path("<int:year>/report.pdf", views.report_pdf_download, name="pdf"),
    path("<int:year>/report.docx", views.report_docx_download, name="docx"),
]
