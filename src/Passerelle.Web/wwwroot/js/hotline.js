// Hotline console, progressive enhancement: the form works without this file.
// - Ctrl+Enter (or Cmd+Enter) anywhere in the form records the call (through the browser's own submit, so
//   the one-time form key still makes a double submission record once).
// - The least urgency the ticked facts call for (the triage rules, shown next to the choice) is announced
//   in a polite live region; the operator still chooses, and the server refuses a lower urgency.
(function () {
  'use strict';
  var form = document.querySelector('form[data-ctrl-enter-submit]');
  if (!form) {
    return;
  }

  var submitting = false;
  form.addEventListener('submit', function () {
    submitting = true;
  });

  form.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (submitting) {
        return;
      }
      if (typeof form.requestSubmit === 'function') {
        form.requestSubmit();
      } else {
        submitting = true;
        form.submit();
      }
    }
  });

  var order = ['routine', 'priority', 'urgent', 'imminent'];
  var status = document.getElementById('urgency-minimum');
  if (!status) {
    return;
  }

  var labels = {};
  (status.getAttribute('data-labels') || '').split('|').forEach(function (pair) {
    var at = pair.indexOf('=');
    if (at > 0) {
      labels[pair.slice(0, at)] = pair.slice(at + 1);
    }
  });
  var template = status.getAttribute('data-template') || '{0}';

  function refresh() {
    var minimum = 0;
    form.querySelectorAll('input[type=checkbox][data-rule-urgency]').forEach(function (box) {
      var level = order.indexOf(box.getAttribute('data-rule-urgency'));
      if (box.checked && level > minimum) {
        minimum = level;
      }
    });
    status.textContent = minimum === 0 ? '' : template.replace('{0}', labels[order[minimum]] || order[minimum]);
  }

  form.addEventListener('change', function (event) {
    if (event.target && event.target.hasAttribute && event.target.hasAttribute('data-rule-urgency')) {
      refresh();
    }
  });
  refresh();
})();
