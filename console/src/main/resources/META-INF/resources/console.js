// Follows a running operation: each server-sent event carries the lines the CLI would print for one status event.
(function () {
  const list = document.getElementById('progress');
  if (!list || list.dataset.live !== 'true') {
    return;
  }
  const outcome = document.getElementById('outcome');
  const source = new EventSource(list.dataset.events);
  // A reconnect replays the operation from its first event: start the list again.
  source.onopen = () => list.replaceChildren();
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    for (const line of event.lines) {
      const item = document.createElement('li');
      item.textContent = line;
      list.appendChild(item);
    }
    if (event.outcome) {
      source.close();
      outcome.textContent = event.outcome;
      outcome.className = 'outcome ' + event.outcome.toLowerCase();
      outcome.hidden = false;
    }
  };
})();
