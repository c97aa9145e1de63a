process.env.STORE_ADAPTER = 'wxcloud'
