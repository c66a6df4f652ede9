package io.akscompute.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {

    @TempDir
    Path dir;

    @Test
    void theServerCertificateAndKeyAreAlsoWrittenAsPemTheKeyForItsOwnerOnly() throws Exception {
        TlsMaterial tls = TlsMaterial.loadOrCreate(dir, "test CA");

        List<X509Certificate> chain = certificates(tls.serverCertificate());
        X509Certificate ca = certificates(tls.caPem()).get(0);
        assertEquals(2, chain.size());
        assertEquals("CN=localhost", chain.get(0).getSubjectX500Principal().getName());
        chain.get(0).verify(ca.getPublicKey());
        assertEquals(ca, chain.get(1));
        assertTrue(signsFor(key(tls.serverKey()), chain.get(0)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.serverKey())));
    }

    @Test
    void materialMadeBeforeThePemFilesGetsThemFromItsKeystoreWithTheSameCertificate() throws Exception {
        TlsMaterial before = TlsMaterial.loadOrCreate(dir, "test CA");
        X509Certificate server = certificates(before.serverCertificate()).get(0);
        Files.delete(before.serverCertificate());
        Files.delete(before.serverKey());

        TlsMaterial after = TlsMaterial.loadOrCreate(dir, "test CA");

        assertEquals(server, certificates(after.serverCertificate()).get(0));
        assertTrue(signsFor(key(after.serverKey()), server));
    }

    private static List<X509Certificate> certificates(Path pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))).stream()
                .map(c -> (X509Certificate) c).toList();
    }

    private static PrivateKey key(Path pem) throws Exception {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("-----BEGIN PRIVATE KEY-----"), text.lines().findFirst().orElse(""));
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static boolean signsFor(PrivateKey key, X509Certificate certificate) throws Exception {
        byte[] data = "proof".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(data);
        return verifier.verify(signature);
    }
}
