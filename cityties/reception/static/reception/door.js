/* The door page: reads a card's QR code from the camera or a photo, with the browser's
   BarcodeDetector when it has one and the vendored jsQR otherwise, then submits the
   code to the look-up form. Without JavaScript the code can be typed in that form. */
(function () {
  "use strict";
  var PAUSE_MS = 2500;
  var root = document.querySelector("[data-scanner]");
  var form = document.querySelector("[data-scan-form]");
  if (!root || !form) { return; }
  var video = root.querySelector("[data-video]");
  var status = root.querySelector("[data-scan-status]");
  var cameraButton = root.querySelector("[data-camera]");
  var photo = root.querySelector("[data-photo]");
  var doorInput = document.getElementById("door-name");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var detector = null;
  var stream = null;
  var pausedUntil = 0;

  root.hidden = false;
  if ("BarcodeDetector" in window) {
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
  }

  // The door's name is remembered on this phone and sent with every check-in.
  if (doorInput) {
    if (!doorInput.value && window.localStorage) { doorInput.value = localStorage.getItem("cityties-door") || ""; }
    doorInput.addEventListener("change", function () {
      if (window.localStorage) { localStorage.setItem("cityties-door", doorInput.value); }
    });
  }
  document.body.addEventListener("htmx:configRequest", function (event) {
    if (doorInput && event.detail.parameters) { event.detail.parameters.door = doorInput.value; }
  });

  function say(text) { if (status) { status.textContent = text; } }

  function submitCode(code) {
    form.querySelector("[name=code]").value = code;
    pausedUntil = Date.now() + PAUSE_MS;
    form.requestSubmit();
  }

  function decodeWithJsQR(source, width, height) {
    if (typeof window.jsQR !== "function" || !width || !height) { return null; }
    canvas.width = width;
    canvas.height = height;
    context.drawImage(source, 0, 0, width, height);
    var found = window.jsQR(context.getImageData(0, 0, width, height).data, width, height);
    return found ? found.data : null;
  }

  function decode(source, width, height) {
    if (detector) {
      return detector.detect(source).then(function (codes) {
        return codes.length ? codes[0].rawValue : decodeWithJsQR(source, width, height);
      }, function () { return decodeWithJsQR(source, width, height); });
    }
    return Promise.resolve(decodeWithJsQR(source, width, height));
  }

  function tick() {
    if (!stream) { return; }
    if (Date.now() < pausedUntil || video.readyState < 2) { window.requestAnimationFrame(tick); return; }
    decode(video, video.videoWidth, video.videoHeight).then(function (code) {
      if (code) { submitCode(code); }
      window.setTimeout(function () { window.requestAnimationFrame(tick); }, 120);
    });
  }

  function stopCamera() {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    video.hidden = true;
    cameraButton.textContent = cameraButton.dataset.startLabel;
  }

  cameraButton.dataset.startLabel = cameraButton.textContent;
  cameraButton.addEventListener("click", function () {
    if (stream) { stopCamera(); return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say(root.dataset.noCamera || "No camera available: take a photo or type the code.");
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        cameraButton.textContent = root.dataset.stopLabel || "Stop the camera";
        return video.play();
      })
      .then(tick)
      .catch(function () { stopCamera(); say(root.dataset.noCamera || ""); });
  });

  photo.addEventListener("change", function () {
    var file = photo.files && photo.files[0];
    if (!file) { return; }
    window.createImageBitmap(file).then(function (image) {
      return decode(image, image.width, image.height);
    }).then(function (code) {
      if (code) { say(""); submitCode(code); } else { say(root.dataset.noCode || ""); }
      photo.value = "";
    });
  });
}());
