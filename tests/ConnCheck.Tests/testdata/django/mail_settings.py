# A settings module that sends mail through a server of its own, with STARTTLS and a login;
# EMAIL_PORT is left at Django's default.
EMAIL_HOST = 'smtp.mail.internal'
EMAIL_HOST_USER = 'noreply@app.example'
EMAIL_HOST_PASSWORD = 'mail-pw-4f2a'
EMAIL_USE_TLS = True
