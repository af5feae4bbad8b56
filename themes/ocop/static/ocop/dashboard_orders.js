/* Oscar 4.2.1's order page calls oscar.dashboard.orders.initTable(), which its dashboard.js
   no longer defines (every visit threw a TypeError). This is what it did in Oscar 3: a box in
   the lines table's first header that selects every line for the line actions. */
(function ($, oscar) {
  'use strict';
  if (!oscar || !oscar.dashboard || !oscar.dashboard.orders || oscar.dashboard.orders.initTable) {
    return;
  }
  oscar.dashboard.orders.initTable = function () {
    var table = $('#order_lines_form table');
    var all = $('<input type="checkbox" class="ocop-select-all-lines">')
      .attr('aria-label', 'Chọn tất cả các dòng');
    $('th:first', table).prepend(all);
    all.on('change', function () {
      $('td:first-child input[type=checkbox]', table).prop('checked', all.is(':checked'));
    });
  };
}(window.jQuery, window.oscar));
