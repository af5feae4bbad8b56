"""The producer area's "tell your story" page: a draft that editors moderate and publish."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.selectors import Product
from cms.models import ProductStoryPage
from cms.services import NoStoryIndex, story_draft_by_producer
from producers.access import producer_required
from producers.views import _area_context


class ProducerStoryForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), max_length=200)
    intro = forms.CharField(label=gettext_lazy("Tóm tắt"), max_length=500, required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(label=gettext_lazy("Câu chuyện"), max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=gettext_lazy("Để một dòng trống giữa các đoạn."))
    products = forms.ModelMultipleChoiceField(label=gettext_lazy("Sản phẩm được kể"),
                                              queryset=Product.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = Product.objects.filter(producer=producer).order_by("title")


@producer_required
def story_create(request):
    producer = request.producer
    form = ProducerStoryForm(request.POST or None, producer=producer)
    if request.method == "POST" and form.is_valid():
        try:
            story_draft_by_producer(producer=producer, user=request.user, **form.cleaned_data)
        except NoStoryIndex:
            messages.error(request, _("Chưa có trang câu chuyện để gửi bài."))
        else:
            messages.success(request, _("Đã gửi câu chuyện; biên tập viên sẽ duyệt trước khi đăng."))
            return redirect("producer_area:stories")
    stories = ProductStoryPage.objects.filter(producer=producer).order_by("-latest_revision_created_at")[:50]
    return render(request, "cms/producer_story_form.html", _area_context(request, form=form, stories=stories))
