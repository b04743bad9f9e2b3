// The decision form (/panel/meetings/{id}/items/{id}/decide): shows only the fields of the chosen decision type
// and puts that type's default next review date in the date field, unless the member typed a date of their own.
// Without JavaScript every field shows and an empty date takes the type's default on the server.
(function () {
    'use strict';
    var form = document.getElementById('decision-form');
    if (!form) {
        return;
    }

    var review = document.getElementById('Input_NextReview');
    var lastDefault = null;

    function chosen() {
        var checked = form.querySelector('input[name="Input.Type"]:checked');
        return checked;
    }

    function update(fromChange) {
        var radio = chosen();
        var type = radio ? radio.value : null;
        form.querySelectorAll('[data-decision-for]').forEach(function (block) {
            block.hidden = type !== null && block.getAttribute('data-decision-for') !== type;
        });
        if (!radio || !review) {
            return;
        }

        var proposed = radio.getAttribute('data-default-review') || '';
        if (fromChange && (review.value === '' || review.value === lastDefault)) {
            review.value = proposed;
        }

        lastDefault = proposed;
    }

    form.querySelectorAll('input[name="Input.Type"]').forEach(function (radio) {
        radio.addEventListener('change', function () { update(true); });
    });
    var initial = chosen();
    lastDefault = initial ? initial.getAttribute('data-default-review') : null;
    update(false);
})();
